// date-sensitive: token and invitation expiry (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { bearer, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      seed: true,
      env: { LOGIN_FREE_FAILURES: '3', LOGIN_FIRST_DELAY_SECONDS: '60' },
    });
  });
  afterAll(() => t.close());

  it('exchanges the right password for a bearer token that /api/me accepts', async () => {
    const auth = await bearer(t, 'security@sakura.example');
    const me = await t.http().get('/api/me').set('Authorization', auth).expect(200);
    expect(me.body.user.email).toBe('security@sakura.example');
    expect(me.body.organisation).toMatchObject({ name: 'Sakura Manufacturing', kind: 'customer' });
    expect(me.body.roles).toEqual(['customer_security_lead']);
    expect(me.body.user).not.toHaveProperty('passwordHash');
  });

  it('refuses a wrong password with 401 and the standard error body', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'lead@mdr.example', password: 'nope' });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      statusCode: 401,
      code: 'INVALID_CREDENTIALS',
      message: expect.any(String),
    });
  });

  it('answers 401 without a token and with a forged one', async () => {
    await t.http().get('/api/me').expect(401);
    const forged = await t.http().get('/api/me').set('Authorization', 'Bearer abc.def.ghi');
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('UNAUTHENTICATED');
  });

  it('slows repeated failures for an account from one address: 429 and Retry-After, the password not even looked at', async () => {
    const email = 'analyst@mdr.example';
    for (let i = 0; i < 3; i += 1) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ email, password: 'wrong-password' })
        .expect(401);
    }
    const blocked = await t.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Other accounts are unaffected.
    await bearer(t, 'lead@mdr.example');
  });

  it('stores passwords as argon2id hashes only', async () => {
    const rows: { password_hash: string }[] = await t.dataSource.query(
      `SELECT password_hash FROM app_user WHERE email = 'lead@mdr.example'`,
    );
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(TEST_PASSWORD);
  });
});
