import { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LookupFunction } from 'node:net';

export interface WebhookPost {
  url: URL;
  /** The addresses the URL's host was vetted to; the connection goes to these and nowhere else. */
  addresses: readonly LookupAddress[];
  headers: Record<string, string>;
  body: string;
  /** For the whole exchange, connecting included. */
  timeoutMs: number;
}

/**
 * A `lookup` for the socket that answers with the vetted addresses instead of asking DNS again.
 * Node asks for one address, or (with autoSelectFamily, the default since Node 20) for all.
 */
export function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family =
      options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    const usable = addresses.filter((entry) => family === 0 || entry.family === family);
    const first = usable[0];
    if (first === undefined) {
      callback(
        Object.assign(new Error(`No vetted IPv${family} address for ${hostname}`), {
          code: 'ENOTFOUND',
        }),
        '',
        0,
      );
    } else if (options.all === true) {
      callback(
        null,
        usable.map((entry) => ({ ...entry })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/**
 * POSTs the body with node:http(s) (global `fetch` cannot be told where to connect without the
 * undici package), to the vetted addresses only. TLS still names and checks the URL's host (SNI
 * and certificate), since the request keeps the host name and only its lookup is pinned. No
 * redirect is followed and no connection is reused. Resolves with the status code as soon as it
 * arrives (the rest of the answer is discarded); rejects on a connection error or the timeout.
 */
export function postToVetted(post: WebhookPost): Promise<number> {
  const { url } = post;
  const secure = url.protocol === 'https:';
  const body = Buffer.from(post.body, 'utf8');
  const request = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        method: 'POST',
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        headers: { ...post.headers, host: url.host, 'content-length': String(body.length) },
        lookup: pinnedLookup(post.addresses),
        agent: false,
        signal: AbortSignal.timeout(post.timeoutMs),
      },
      (res) => {
        res.on('error', () => undefined);
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}
