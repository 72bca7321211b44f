// The invitee's side of an invitation for a bench that runs no worker (the worker issues the
// set-password link when it sends the welcome mail): the bench issues the link's token itself,
// stored only as its SHA-256 as the portal stores it, and completes the portal's set-password form.
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';

function cookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mdr_session='));
  return cookie ? cookie.split(';')[0] : '';
}

export async function acceptInvitation(
  base: string,
  databaseUrl: string,
  userId: string,
  email: string,
  password: string,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO one_time_token (id, purpose, token_hash, subject_type, subject_id, recipient, expires_at)
       VALUES (gen_random_uuid(), 'set-password', $1, 'user', $2, $3, now() + interval '1 hour')`,
      [createHash('sha256').update(token).digest('hex'), userId, email],
    );
  } finally {
    await db.end();
  }
  const form = await fetch(`${base}/set-password?token=${token}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (form.status !== 200 || !csrf)
    throw new Error(`the set-password page for ${email} answered ${form.status}`);
  const done = await fetch(`${base}/set-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(form) },
    body: new URLSearchParams({ token, password, confirmation: password, _csrf: csrf }).toString(),
  });
  if (done.status !== 200) throw new Error(`setting ${email}'s password answered ${done.status}`);
}
