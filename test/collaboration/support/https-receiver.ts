import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReceivedPost {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A Slack or Teams stand-in on loopback over HTTPS, with a self-signed certificate for
 * 127.0.0.1 made by openssl (`certPath` is what a worker trusts through NODE_EXTRA_CA_CERTS).
 * A post counts as received when it is answered 200; after `holdAfter(n)` answered posts it
 * answers nothing more (the sender waits) until `release()`, which drops the waiting ones
 * unanswered, as a service that never got them.
 */
export class HttpsReceiver {
  readonly received: ReceivedPost[] = [];
  private holdFrom = Number.POSITIVE_INFINITY;
  private readonly waiting: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    private readonly folder: string,
    readonly certPath: string,
  ) {}

  static async start(): Promise<HttpsReceiver> {
    const folder = mkdtempSync(join(tmpdir(), 'channel-receiver-'));
    const keyPath = join(folder, 'key.pem');
    const certPath = join(folder, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const server = createServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) });
    const receiver = new HttpsReceiver(server, folder, certPath);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (receiver.received.length >= receiver.holdFrom) {
          receiver.waiting.push(res);
          return;
        }
        receiver.received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        });
        res.statusCode = 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path: string): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  holdAfter(answered: number): void {
    this.holdFrom = answered;
  }

  held(): number {
    return this.waiting.length;
  }

  release(): void {
    this.holdFrom = Number.POSITIVE_INFINITY;
    for (const res of this.waiting.splice(0)) res.destroy();
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.folder, { recursive: true, force: true });
  }
}
