import { loadConfig } from '@app/platform';
import { computeSecurityHeaders } from './security-headers';

describe('computeSecurityHeaders', () => {
  it('sets a strict CSP without unsafe-inline and the usual hardening headers', () => {
    const headers = computeSecurityHeaders(loadConfig({}));
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('upgrades insecure requests and sends HSTS only when served over https', () => {
    const http = computeSecurityHeaders(loadConfig({}));
    expect(http['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(http['strict-transport-security']).toBeUndefined();
    const https = computeSecurityHeaders(loadConfig({ PUBLIC_URL: 'https://portal.example' }));
    expect(https['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(https['strict-transport-security']).toContain('max-age=');
  });
});
