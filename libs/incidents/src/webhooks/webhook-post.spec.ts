import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { pinnedLookup, postToVetted } from './webhook-post';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('postToVetted', () => {
  let server: Server;
  let port: number;
  const seen: Seen[] = [];
  let answer: (res: import('node:http').ServerResponse) => void = (res) => res.writeHead(204).end();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const vetted = [{ address: '127.0.0.1', family: 4 }];

  it('connects to the vetted address, not to what the name resolves to, keeping the name as Host', async () => {
    // `.invalid` never resolves (RFC 2606): only the pinned lookup can have connected.
    const url = new URL(`http://hooks.invalid:${port}/chat?room=1#ignored`);
    const status = await postToVetted({
      url,
      addresses: vetted,
      headers: { 'content-type': 'application/json', 'x-signature': 'sha256=ab' },
      body: '{"ü":1}',
      timeoutMs: 5000,
    });
    expect(status).toBe(204);
    const hook = seen.at(-1);
    expect(hook).toMatchObject({ method: 'POST', url: '/chat?room=1', body: '{"ü":1}' });
    expect(hook?.headers).toMatchObject({
      host: `hooks.invalid:${port}`,
      'x-signature': 'sha256=ab',
      'content-length': '8',
    });
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    answer = (res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    const before = seen.length;
    const status = await postToVetted({
      url: new URL(`http://hooks.invalid:${port}/x`),
      addresses: vetted,
      headers: {},
      body: '{}',
      timeoutMs: 5000,
    });
    expect(status).toBe(302);
    expect(seen.length).toBe(before + 1);
  });

  it('gives up at the timeout', async () => {
    answer = () => undefined; // never answers
    const started = Date.now();
    await expect(
      postToVetted({
        url: new URL(`http://hooks.invalid:${port}/slow`),
        addresses: vetted,
        headers: {},
        body: '{}',
        timeoutMs: 300,
      }),
    ).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('fails when no vetted address fits the family asked for', async () => {
    await expect(
      postToVetted({
        url: new URL(`http://hooks.invalid:${port}/x`),
        addresses: [{ address: '::1', family: 6 }],
        headers: {},
        body: '{}',
        timeoutMs: 2000,
      }),
    ).rejects.toThrow();
  });
});

describe('pinnedLookup', () => {
  const addresses = [
    { address: '2606:4700::1', family: 6 },
    { address: '93.184.215.14', family: 4 },
  ];

  it('answers one address, all of them, or those of the family asked for', () => {
    const lookup = pinnedLookup(addresses);
    const answers: unknown[] = [];
    lookup('hooks.example', {}, (err, address, family) => answers.push([err, address, family]));
    lookup('hooks.example', { all: true }, (err, address) => answers.push([err, address]));
    lookup('hooks.example', { family: 4 }, (err, address, family) =>
      answers.push([err, address, family]),
    );
    lookup('hooks.example', { family: 'IPv6', all: true }, (err, address) =>
      answers.push([err, address]),
    );
    expect(answers).toEqual([
      [null, '2606:4700::1', 6],
      [null, addresses],
      [null, '93.184.215.14', 4],
      [null, [addresses[0]]],
    ]);
  });

  it('answers ENOTFOUND when nothing fits', () => {
    let error: NodeJS.ErrnoException | null = null;
    pinnedLookup([{ address: '93.184.215.14', family: 4 }])(
      'hooks.example',
      { family: 6 },
      (err) => (error = err),
    );
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
