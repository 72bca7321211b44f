import { createHash } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, RateLimiter } from '@app/platform';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

/** Minute boundaries far from any real clock reading: a test never straddles a window by accident. */
const MINUTE = new Date('2031-03-01T09:00:00.000Z');
const NEXT_MINUTE = new Date('2031-03-01T09:01:00.000Z');

/** A clock that stands still where it is put, so the seconds left in a window are exact. */
class StillClock extends Clock {
  private at = new Date(0);

  override now(): Date {
    return new Date(this.at);
  }

  override travelTo(at: Date): void {
    this.at = at;
  }
}

describe('the shared rate limiter (PostgreSQL)', () => {
  let database: TestDatabase;
  const sources: DataSource[] = [];
  const limiters: RateLimiter[] = [];
  const clocks: Clock[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Two "processes": a pool and a clock each, one database.
    for (let i = 0; i < 2; i += 1) {
      const source = await new DataSource({
        type: 'postgres',
        url: database.url,
        poolSize: 5,
      }).initialize();
      const clock = new StillClock();
      sources.push(source);
      clocks.push(clock);
      limiters.push(new RateLimiter(source, clock));
    }
  });
  afterAll(async () => {
    for (const source of sources) await source.destroy();
    await database?.drop();
  });
  const both = (at: Date): void => clocks.forEach((clock) => clock.travelTo(at));

  it('counts one key across both, refuses past the limit with the seconds left, and starts again in the next window', async () => {
    both(new Date(MINUTE.getTime() + 15_000));
    const [a, b] = limiters as [RateLimiter, RateLimiter];
    const outcomes = [
      await a.hit('t', 'ip-1', 3, 60),
      await b.hit('t', 'ip-1', 3, 60),
      await a.hit('t', 'ip-1', 3, 60),
      await b.hit('t', 'ip-1', 3, 60),
    ];
    expect(outcomes.map((o) => [o.hits, o.allowed])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect(outcomes[3]?.retryAfterSeconds).toBe(45);
    // Other keys and other buckets count on their own.
    expect(await b.hit('t', 'ip-2', 3, 60)).toMatchObject({ hits: 1, allowed: true });
    expect(await b.hit('u', 'ip-1', 3, 60)).toMatchObject({ hits: 1, allowed: true });

    both(NEXT_MINUTE);
    expect(await b.hit('t', 'ip-1', 3, 60)).toMatchObject({ hits: 1, allowed: true });
    expect(await a.hit('t', 'ip-1', 3, 60)).toMatchObject({ hits: 2, allowed: true });
    // The bucket's past windows are pruned once the next one is used.
    const rows = (await sources[0]?.query(
      `SELECT key, window_start FROM rate_limit_hit WHERE bucket = 't' ORDER BY key`,
    )) as { key: string; window_start: Date }[];
    // Keys are stored as digests of what the request gave.
    expect(rows).toEqual([
      { key: createHash('sha256').update('ip-1').digest('base64url'), window_start: NEXT_MINUTE },
    ]);
  });

  it('counts keys of any bytes (a NUL, a very long path parameter) without failing', async () => {
    both(new Date(MINUTE.getTime() + 9 * 60_000));
    const [a] = limiters as [RateLimiter, RateLimiter];
    expect(await a.hit('odd', '\u0000', 3, 60)).toMatchObject({ hits: 1, allowed: true });
    expect(await a.hit('odd', 'x'.repeat(100_000), 3, 60)).toMatchObject({
      hits: 1,
      allowed: true,
    });
    expect(await a.hit('odd', '\u0000', 3, 60)).toMatchObject({ hits: 2 });
  });

  it('loses no count when both count at once', async () => {
    both(new Date(MINUTE.getTime() + 5 * 60_000));
    const [a, b] = limiters as [RateLimiter, RateLimiter];
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).hit('burst', 'ip', 25, 60)),
    );
    expect(outcomes.map((o) => o.hits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(25);
    const table = (await sources[1]?.query(
      `SELECT relpersistence FROM pg_class WHERE relname = 'rate_limit_hit'`,
    )) as { relpersistence: string }[];
    expect(table).toEqual([{ relpersistence: 'u' }]);
  });
});

describe('rate-limited public endpoints, two API instances on one database', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  const engagementId = '00000000-0000-4000-8000-000000000001';
  const otherEngagementId = '00000000-0000-4000-8000-000000000002';

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        CONFIRM_ATTEMPTS_PER_MINUTE: '3',
        SIGNING_LINK_RATE_LIMIT: '3',
        WEBHOOK_RATE_LIMIT: '3',
      },
    });
    second = await createApiApp(t.config);
    for (const app of [t.app, second]) app.get(Clock).travelTo(new Date(MINUTE.getTime() + 1000));
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });
  const apps = (): [ReturnType<typeof supertest>, ReturnType<typeof supertest>] => [
    t.http(),
    supertest(second.getHttpServer()),
  ];

  it('the confirm page: the fourth request, on the other instance, is 429 with Retry-After and the error page', async () => {
    const [one, two] = apps();
    for (const http of [one, two, one])
      expect((await http.get(`/confirm/${'x'.repeat(43)}`)).status).toBe(404);
    const refused = await two.get(`/confirm/${'x'.repeat(43)}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(refused.text).toContain('<html');
    // The POST counts in the same bucket, before its CSRF check.
    expect(
      (
        await one
          .post(`/confirm/${'x'.repeat(43)}`)
          .type('form')
          .send({ decision: 'approve' })
      ).status,
    ).toBe(429);
  });

  it('the signing-link page: its own bucket, the same rule', async () => {
    const [one, two] = apps();
    for (const http of [two, one, two])
      expect((await http.get(`/sign/${'y'.repeat(43)}`)).status).toBe(404);
    const refused = await one.get(`/sign/${'y'.repeat(43)}`);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.headers['content-type']).toMatch(/text\/html/);
  });

  it('the inbound mail webhook answers 429 as JSON', async () => {
    const [one, two] = apps();
    const post = (http: ReturnType<typeof supertest>) =>
      http
        .post('/api/inbound/email')
        .set('Content-Type', 'message/rfc822')
        .send(Buffer.from('Subject: x\r\n\r\nx'));
    for (const http of [one, two, one]) expect((await post(http)).status).toBe(401);
    const refused = await post(two);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('the detection webhook counts per engagement; the next window lets the caller in again', async () => {
    const [one, two] = apps();
    const post = (http: ReturnType<typeof supertest>, id: string) =>
      http
        .post(`/api/engagements/${id}/detections`)
        .set('Content-Type', 'application/json')
        .send('{}');
    for (const http of [one, two, one])
      expect((await post(http, engagementId)).status).not.toBe(429);
    const refused = await post(two, engagementId);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((await post(one, otherEngagementId)).status).not.toBe(429);

    for (const app of [t.app, second]) app.get(Clock).travelTo(NEXT_MINUTE);
    expect((await post(two, engagementId)).status).not.toBe(429);
    expect((await one.get(`/confirm/${'x'.repeat(43)}`)).status).toBe(404);
  });
});
