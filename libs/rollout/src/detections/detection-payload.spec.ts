import { parseDetection } from './detection-payload';

const GOOD = {
  detectionId: 'edr-123',
  detectedAt: '2026-03-01T09:30:00+09:00',
  hostname: 'JP-PC-001',
  severity: 'high',
  title: 'Ransomware behaviour',
  details: { process: 'evil.exe' },
};

describe('parseDetection', () => {
  it('accepts a full detection', () => {
    const parsed = parseDetection(GOOD);
    expect(parsed).toEqual({
      ok: true,
      value: { ...GOOD, detectedAt: new Date('2026-03-01T00:30:00Z') },
    });
  });

  it('accepts text details and no details', () => {
    expect(parseDetection({ ...GOOD, details: 'seen twice' }).ok).toBe(true);
    expect(parseDetection({ ...GOOD, details: undefined }).ok).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['not an object', [1, 2], 'body'],
    ['no detection id', { ...GOOD, detectionId: undefined }, 'detectionId'],
    ['blank hostname', { ...GOOD, hostname: '  ' }, 'hostname'],
    ['unknown severity', { ...GOOD, severity: 'urgent' }, 'severity'],
    ['date without zone', { ...GOOD, detectedAt: '2026-03-01T09:30:00' }, 'detectedAt'],
    ['impossible date', { ...GOOD, detectedAt: '2026-13-45T09:30:00Z' }, 'detectedAt'],
    ['numeric details', { ...GOOD, details: 5 }, 'details'],
    ['list details', { ...GOOD, details: ['a'] }, 'details'],
    ['huge details', { ...GOOD, details: 'x'.repeat(20_001) }, 'details'],
    ['long title', { ...GOOD, title: 'x'.repeat(501) }, 'title'],
  ])('%s → names %s', (_name, body, field) => {
    const parsed = parseDetection(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toEqual([field]);
  });

  it('gives the reasons the webhook has always given, trims text and ignores unknown keys', () => {
    const refused = parseDetection({ hostname: ' ', severity: 'urgent', detectedAt: 'soon' });
    expect(refused).toEqual({
      ok: false,
      errors: [
        { field: 'detectionId', reason: 'must be a non-empty string' },
        { field: 'detectedAt', reason: 'must be an ISO 8601 date-time with a time zone' },
        { field: 'hostname', reason: 'must be a non-empty string' },
        {
          field: 'severity',
          reason: 'must be one of informational, low, medium, high, critical',
        },
        { field: 'title', reason: 'must be a non-empty string' },
      ],
    });
    const parsed = parseDetection({ ...GOOD, hostname: ' JP-PC-001 ', vendorField: 1 });
    expect(parsed.ok && parsed.value.hostname).toBe('JP-PC-001');
    expect(parsed.ok && 'vendorField' in parsed.value).toBe(false);
    expect(parseDetection({ ...GOOD, details: null })).toMatchObject({
      ok: true,
      value: { details: null },
    });
  });
});
