import { request } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestApp } from './test-app';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The client's own address (any 127.0.0.0/8 address works on loopback): another "machine". */
  localAddress?: string;
}

/**
 * The test app listening on 127.0.0.1, for requests made exactly as a browser or an attacker
 * would make them (any header, a foreign Origin, a chosen client address). Returns its port.
 */
export async function listenOnLoopback(test: TestApp): Promise<number> {
  const server = test.app.getHttpServer();
  if (!server.listening) await test.app.listen(0, '127.0.0.1');
  return (server.address() as AddressInfo).port;
}

/** One plain HTTP/1.1 request over a real socket, nothing added but what is given. */
export function rawRequest(port: number, options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
        localAddress: options.localAddress,
        // A connection of its own, closed after the answer: nothing kept alive past the test.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(options.body);
  });
}

/** The `name=value` pair of a Set-Cookie header, for sending the cookie back. */
export function cookiePair(response: RawResponse, name: string): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const found = cookies.find((cookie) => cookie.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie was set`);
  return found.split(';')[0];
}
