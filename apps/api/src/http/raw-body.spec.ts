import fastify from 'fastify';
import { captureRawBody, rawBodyOf } from './raw-body';

describe('captureRawBody', () => {
  async function app(limitBytes = 1024) {
    // The app's parser limit is the same bodyLimitBytes (create-api-app).
    const instance = fastify({ bodyLimit: limitBytes });
    captureRawBody(instance, limitBytes);
    const answer = async (request: Parameters<typeof rawBodyOf>[0]) => ({
      raw: rawBodyOf(request)?.toString('utf8') ?? null,
      parsed: request.body,
    });
    // The listed route, registered after the hook as Nest registers its routes.
    instance.post('/api/engagements/:id/detections', answer);
    instance.post('/api/other', answer);
    await instance.ready();
    return instance;
  }

  it('keeps the exact bytes on the listed route and still parses them', async () => {
    const instance = await app();
    const payload = '{ "a" :1,\n"b":[2] }';
    const response = await instance.inject({
      method: 'POST',
      url: '/api/engagements/e1/detections',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(response.json()).toEqual({ raw: payload, parsed: { a: 1, b: [2] } });
    await instance.close();
  });

  it('keeps nothing on other routes', async () => {
    const instance = await app();
    const response = await instance.inject({
      method: 'POST',
      url: '/api/other',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":1}',
    });
    expect(response.json()).toEqual({ raw: null, parsed: { a: 1 } });
    await instance.close();
  });

  it('answers 413 on the listed route for a body over the limit', async () => {
    const instance = await app(8);
    const response = await instance.inject({
      method: 'POST',
      url: '/api/engagements/e1/detections',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":"0123456789"}',
    });
    expect(response.statusCode).toBe(413);
    await instance.close();
  });
});
