import fastify from 'fastify';
import { addConstantHeaders, replyHeaderStore } from './reply-headers';

describe('addConstantHeaders', () => {
  async function app() {
    const instance = fastify();
    instance.addHook('onRequest', (_request, reply, done) => {
      addConstantHeaders(reply, { 'x-frame-options': 'SAMEORIGIN', 'x-one': '1' });
      done();
    });
    instance.get('/plain', async () => ({ ok: true }));
    instance.get('/own', async (_request, reply) => {
      // A route may still replace one and add its own.
      void reply.header('X-One', '2').header('x-two', '2');
      return { ok: true };
    });
    instance.get('/fails', async () => {
      throw new Error('boom');
    });
    instance.get('/store', async (_request, reply) => ({
      found: replyHeaderStore(reply) !== null,
    }));
    await instance.ready();
    return instance;
  }

  it("finds this fastify's header store (else every request takes the slower path)", async () => {
    const instance = await app();
    expect((await instance.inject({ url: '/store' })).json()).toEqual({ found: true });
    await instance.close();
  });

  it('sends the headers on answers, errors and unknown routes, and lets a route change them', async () => {
    const instance = await app();
    for (const url of ['/plain', '/fails', '/nowhere']) {
      const response = await instance.inject({ url });
      expect({
        url,
        frame: response.headers['x-frame-options'],
        one: response.headers['x-one'],
      }).toEqual({ url, frame: 'SAMEORIGIN', one: '1' });
    }
    const own = await instance.inject({ url: '/own' });
    expect(own.headers['x-one']).toBe('2');
    expect(own.headers['x-two']).toBe('2');
    expect(own.headers['content-type']).toBe('application/json; charset=utf-8');
    await instance.close();
  });
});
