import { auditedTarget } from './incident-webhooks.service';

describe('auditedTarget', () => {
  it('keeps the origin and only says a path or query was set', () => {
    const audited = auditedTarget(
      'https://hooks.chat.example/services/T000/B000/XXXXSECRET?token=abc',
    );
    expect(audited).toEqual({ origin: 'https://hooks.chat.example', pathOrQuery: true });
    expect(JSON.stringify(audited)).not.toMatch(/XXXXSECRET|token|services/);
    expect(auditedTarget('http://tickets.example:8080/')).toEqual({
      origin: 'http://tickets.example:8080',
      pathOrQuery: false,
    });
    expect(auditedTarget('https://tickets.example/?k=v')).toEqual({
      origin: 'https://tickets.example',
      pathOrQuery: true,
    });
    expect(auditedTarget(null)).toBeNull();
  });
});
