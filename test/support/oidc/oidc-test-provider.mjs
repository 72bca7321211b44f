/* global process, console, Buffer, URL */
// A real OpenID Connect provider (npm `oidc-provider`) on loopback for the single sign-on tests,
// run as its own process: the package is ESM-only, and a provider is another party anyway.
// Env: OIDC_CLIENTS (JSON array of {client_id, client_secret, redirect_uris}). Prints
// `READY <port>` once listening. The test steers it through POST /__control (JSON):
//   { account: { sub, email, email_verified? } }  who signs in at the next interaction;
//   { tamper: 'aud' | 'expired' | 'signature' | null }  how the next ID tokens are spoiled, re-signed
//   with the provider's own key (or, for 'signature', another key): a misbehaving or attacked
//   provider, so that the portal's verification is what the test exercises.
import Provider from 'oidc-provider';
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const KID = 'test-signing-key';
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };

const accounts = new Map();
let nextAccount = null;
let tamper = null;
let provider;

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The ID token with its claims spoiled as asked, signed again (RS256, same kid). */
function spoiled(idToken) {
  const [header, payload] = idToken.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  // The provider's clock is the real one: an "expired" token ended an hour ago by it.
  const now = Math.floor(Date.now() / 1000);
  if (tamper === 'aud') payload.aud = 'another-relying-party';
  if (tamper === 'expired') Object.assign(payload, { iat: now - 7200, exp: now - 3600 });
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = sign('sha256', Buffer.from(input), tamper === 'signature' ? strangerKey : privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/** Lets the provider answer the token request, then spoils the ID token in its answer. */
function spoilTokenResponse(res) {
  const chunks = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk) => {
    chunks.push(Buffer.from(chunk));
    return true;
  };
  res.end = (chunk, ...rest) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
    let body = Buffer.concat(chunks);
    try {
      const json = JSON.parse(body.toString('utf8'));
      if (json.id_token) body = Buffer.from(JSON.stringify({ ...json, id_token: spoiled(json.id_token) }));
    } catch {
      // not JSON: an error answer, passed on as it is
    }
    if (!res.headersSent) res.setHeader('content-length', body.length);
    res.write = write;
    return end(body, ...rest.filter((r) => typeof r === 'function'));
  };
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    if (!nextAccount) throw new Error('no account was set for the next sign-in');
    accounts.set(nextAccount.sub, nextAccount);
    await provider.interactionFinished(req, res, { login: { accountId: nextAccount.sub } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  grant.addOIDCScope('openid email');
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

async function control(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  if ('account' in body) nextAccount = body.account;
  if ('tamper' in body) tamper = body.tamper;
  res.writeHead(204).end();
}

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const fail = (error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end(String(error));
  };
  if (path === '/__control' && req.method === 'POST') return void control(req, res).catch(fail);
  if (path.startsWith('/interaction/')) return void interaction(req, res).catch(fail);
  if (path === '/token' && tamper) spoilTokenResponse(res);
  return provider.callback()(req, res);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: JSON.parse(process.env.OIDC_CLIENTS ?? '[]').map((c) => ({ grant_types: ['authorization_code'], response_types: ['code'], ...c })),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // The email in the ID token itself (not only at the userinfo endpoint).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account && { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: account.email_verified ?? true }) };
    },
  });
  provider.on('server_error', (_ctx, error) => console.error(error));
  console.log(`READY ${port}`);
});
