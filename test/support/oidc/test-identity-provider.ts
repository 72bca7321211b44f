import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface OidcClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface IdentityAccount {
  sub: string;
  email: string;
  email_verified?: boolean;
}

export type Tamper = 'aud' | 'expired' | 'signature' | null;

export interface TestIdentityProvider {
  issuer: string;
  /** Who signs in at the provider next (the person typing their company password). */
  nextSignIn(account: IdentityAccount): Promise<void>;
  /** Spoils the ID tokens it issues from now on (null: honest again). */
  tamper(how: Tamper): Promise<void>;
  /**
   * Follows the provider's redirects from the authorization URL as a browser would (keeping its
   * cookies) until it sends the browser back to `returnPrefix`; returns that URL.
   */
  authorize(url: string, returnPrefix: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts test/support/oidc/oidc-test-provider.mjs (a real `oidc-provider`) on loopback. */
export async function startIdentityProvider(clients: OidcClient[]): Promise<TestIdentityProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-test-provider.mjs')], {
    env: { ...process.env, OIDC_CLIENTS: JSON.stringify(clients) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the identity provider did not start: ${output}`)),
      20_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`the identity provider exited (${code}): ${output}`)),
    );
  });
  const issuer = `http://127.0.0.1:${port}`;
  const control = async (body: object): Promise<void> => {
    const response = await fetch(`${issuer}/__control`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    if (response.status !== 204) throw new Error(`control answered ${response.status}`);
  };
  return {
    issuer,
    nextSignIn: (account) => control({ account }),
    tamper: (how) => control({ tamper: how }),
    async authorize(url, returnPrefix) {
      const jar = new Map<string, string>();
      let next = url;
      for (let hop = 0; hop < 10; hop += 1) {
        const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
        const response = await fetch(next, {
          redirect: 'manual',
          headers: cookie ? { cookie } : {},
        });
        for (const line of response.headers.getSetCookie()) {
          const [pair] = line.split(';');
          const [name, value] = [
            pair.slice(0, pair.indexOf('=')),
            pair.slice(pair.indexOf('=') + 1),
          ];
          if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
          else jar.set(name, value);
        }
        const location = response.headers.get('location');
        if (!location)
          throw new Error(
            `the provider answered ${response.status} without a redirect at ${next}: ${(await response.text()).slice(0, 500)} ${output}`,
          );
        const target = new URL(location, next).toString();
        if (target.startsWith(returnPrefix)) return target;
        next = target;
      }
      throw new Error('too many redirects at the provider');
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
