import fastify from 'fastify';
import pino from 'pino';
import { fastifyLogging } from './pino-logging';

/** A fastify app on a pino logger at `level` whose lines are kept as parsed records. */
function appLoggingTo(level: string) {
  const records: Record<string, unknown>[] = [];
  const logger = pino({ level }, { write: (line: string) => records.push(JSON.parse(line)) });
  const app = fastify({ ...fastifyLogging(logger) });
  app.get('/plain', async (request) => {
    request.log.info('plain info');
    request.log.warn('plain warn');
    return { ok: true };
  });
  app.get('/chatty', { logLevel: 'debug' }, async (request) => {
    request.log.debug('chatty debug');
    return { ok: true };
  });
  return { app, records };
}

function messages(records: Record<string, unknown>[]): unknown[] {
  return records.map((r) => r.msg);
}

describe('request logging', () => {
  it("logs a request's lines at the root logger's level, each with the request's id", async () => {
    const { app, records } = appLoggingTo('warn');
    await app.inject({ url: '/plain', headers: { 'x-request-id': 'caller-id.1' } });
    await app.inject({ url: '/plain' });
    await app.inject({ url: '/plain' });
    const warnings = records.filter((r) => r.msg === 'plain warn');
    expect(messages(records)).not.toContain('plain info');
    expect(warnings).toHaveLength(3);
    expect(warnings[0].reqId).toBe('caller-id.1');
    // Fresh ids where the caller sent none: distinct, and of the shape a caller's id may have.
    const fresh = [warnings[1].reqId, warnings[2].reqId];
    expect(new Set(fresh).size).toBe(2);
    for (const id of fresh) expect(id).toMatch(/^[\w.-]{1,100}$/);
    expect(app.log.level).toBe('warn');
    await app.close();
  });

  it("replaces a caller's request id that is not sane", async () => {
    const { app, records } = appLoggingTo('warn');
    await app.inject({ url: '/plain', headers: { 'x-request-id': 'bad id; drop table' } });
    const [warning] = records.filter((r) => r.msg === 'plain warn');
    expect(warning.reqId).not.toBe('bad id; drop table');
    expect(warning.reqId).toMatch(/^[\w.-]{1,100}$/);
    await app.close();
  });

  it("honours a route's own log level, and only on that route", async () => {
    const { app, records } = appLoggingTo('warn');
    await app.inject({ url: '/chatty' });
    await app.inject({ url: '/plain' });
    expect(messages(records)).toContain('chatty debug');
    expect(messages(records)).not.toContain('plain info');
    expect(records.find((r) => r.msg === 'chatty debug')?.reqId).toEqual(expect.any(String));
    await app.close();
  });

  it('logs fastify’s own request lines when the level is info', async () => {
    const { app, records } = appLoggingTo('info');
    await app.inject({ url: '/plain' });
    expect(messages(records)).toEqual(
      expect.arrayContaining(['incoming request', 'plain info', 'plain warn', 'request completed']),
    );
    const ids = new Set(records.filter((r) => r.reqId !== undefined).map((r) => r.reqId));
    expect(ids.size).toBe(1);
    await app.close();
  });
});
