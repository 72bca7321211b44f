// date-sensitive: the edit window is measured by the business clock
import { canonicalJson, ExportedAuditRecord, withheldContentSha256 } from '@app/audit';
import { Clock } from '@app/platform';
import { createHash } from 'node:crypto';
import { offlineChainProblems, parseCsv } from '../audit/support/audit-export-reading';
import { insertIncident } from '../incidents/support/insert-incident';
import {
  createSakuraOnboarding,
  proposeSakuraDocuments,
  sakuraEngagementId,
  Tokens,
} from '../support/onboarding-driver';
import { until } from '../support/polling';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import {
  commentMailsTo,
  conversationEnv,
  documentVersionId,
  northwindEngagementId,
  postInbound,
  rawReply,
  replyToOf,
  stepId,
  waitForCommentMails,
} from './conversation-driver';

const LEAD = 'lead@mdr.example';
const ANALYST = 'analyst@mdr.example';
const AM = 'am@mdr.example';
const SECURITY = 'security@sakura.example';
const IT = 'it-jp@sakura.example';
const NORTHWIND = 'security@northwind.example';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const INTERNAL_TEXT = 'Internal: the customer firewall team is slow, escalate to their CISO';

interface Comment {
  id: string;
  parentId: string | null;
  visibility: string;
  body: string;
  via: string;
  revision: number;
  history: { revision: number; body: string }[];
  mentions: { id: string; name: string }[];
  editable: boolean;
  files: { id: string; fileName: string; sha256: string }[];
  author: { name: string; side: string };
}
interface Thread extends Comment {
  replies: Comment[];
}

describe('conversations: API, mails and replies by mail', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let tokens: Tokens;
  let engagementId: string;
  let stepPath: string;
  let incidentPath: string;
  let documentPath: string;
  let shared: Comment;
  let internal: Comment;

  const as = async (email: string) => ({ Authorization: await tokens.for(email) });
  const get = async (email: string, path: string) =>
    t
      .http()
      .get(path)
      .set(await as(email));
  const post = async (email: string, path: string, body: object) =>
    t
      .http()
      .post(path)
      .set(await as(email))
      .send(body);
  const threads = async (email: string, path: string): Promise<Thread[]> => {
    const response = await get(email, path);
    expect(response.status).toBe(200);
    return (response.body as { threads: Thread[] }).threads;
  };
  const everything = (list: Thread[]): Comment[] => list.flatMap((c) => [c, ...c.replies]);

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: conversationEnv(sink.url) });
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    const onboardingId = await createSakuraOnboarding(t, tokens);
    const base = `/api/engagements/${engagementId}/conversations`;
    stepPath = `${base}/step/${await stepId(t, onboardingId, 'service_agreement')}`;
    incidentPath = `${base}/incident/${await insertIncident(t, engagementId, 'Suspicious logon')}`;
    documentPath = `${base}/document-version/${await documentVersionId(t, engagementId, 'service_agreement')}`;
  });

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('provider staff comment shared on a step by default, and a mention mails the customer with a reply address', async () => {
    const response = await post(LEAD, stepPath, {
      body: 'Please review clause 4 before Friday, @security@sakura.example.',
    });
    expect(response.status).toBe(201);
    shared = response.body as Comment;
    expect(shared).toMatchObject({ visibility: 'shared', via: 'api', revision: 1, editable: true });
    expect(shared.mentions.map((m) => m.name)).toHaveLength(1);
    const [mail] = await waitForCommentMails(sink, SECURITY, 1);
    expect(mail?.subject).toContain('サービス契約');
    expect(mail?.text).toContain('Please review clause 4');
    expect(replyToOf(mail!)).toMatch(/^replies\+c[0-9a-f]{40}@portal\.example$/);
  });

  it('an internal comment mentions only provider-side people; the customer named in it gets nothing', async () => {
    const response = await post(ANALYST, stepPath, {
      body: `${INTERNAL_TEXT} @am@mdr.example @security@sakura.example`,
      visibility: 'internal',
    });
    expect(response.status).toBe(201);
    internal = response.body as Comment;
    expect(internal.visibility).toBe('internal');
    expect(internal.mentions).toHaveLength(1);
    const [mail] = await waitForCommentMails(sink, AM, 1);
    expect(mail?.text).toContain(INTERNAL_TEXT);
    expect(mail?.text).toMatch(/INTERNAL COMMENT|社内コメント|内部评论/);
  });

  it('incidents default to internal, document versions to shared', async () => {
    const onIncident = await post(LEAD, incidentPath, { body: 'Host isolated; watching.' });
    expect(onIncident.status).toBe(201);
    expect(onIncident.body.visibility).toBe('internal');
    const onDocument = await post(ANALYST, documentPath, {
      body: 'Version 1 follows the catalogue.',
    });
    expect(onDocument.status).toBe(201);
    expect(onDocument.body.visibility).toBe('shared');
    expect(await threads(IT, incidentPath)).toEqual([]);
    expect((await threads(AM, incidentPath)).map((c) => c.body)).toEqual([
      'Host isolated; watching.',
    ]);
  });

  it('customers never see internal comments, cannot write them, nor answer them', async () => {
    for (const who of [SECURITY, IT]) {
      const seen = everything(await threads(who, stepPath));
      expect(seen.map((c) => c.id)).toEqual([shared.id]);
      const page = await get(who, stepPath);
      expect(JSON.stringify(page.body)).not.toContain('firewall team');
    }
    expect(everything(await threads(AM, stepPath)).map((c) => c.id)).toEqual([
      shared.id,
      internal.id,
    ]);
    const writeInternal = await post(SECURITY, stepPath, { body: 'x', visibility: 'internal' });
    expect(writeInternal.status).toBe(403);
    const answerInternal = await post(SECURITY, stepPath, { body: 'x', parentId: internal.id });
    expect(answerInternal.status).toBe(404);
    const editInternal = await t
      .http()
      .patch(`/api/engagements/${engagementId}/comments/${internal.id}`)
      .set(await as(SECURITY))
      .send({ body: 'x' });
    expect(editInternal.status).toBe(404);
    // An answer to an internal thread cannot be shared.
    const leak = await post(LEAD, stepPath, {
      body: 'x',
      parentId: internal.id,
      visibility: 'shared',
    });
    expect(leak.status).toBe(409);
    expect(leak.body.code).toBe('THREAD_IS_INTERNAL');
  });

  it('the customer’s audit export carries no internal text', async () => {
    const exported = await get(SECURITY, `/api/engagements/${engagementId}/audit-export`);
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('conversation.comment_posted');
    expect(exported.text).not.toContain('firewall team');
    expect(exported.text).not.toContain('clause 4');
  });

  it('validates input with 400 naming the field', async () => {
    const empty = await post(LEAD, stepPath, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('body');
    const visibility = await post(LEAD, stepPath, { body: 'x', visibility: 'secret' });
    expect(visibility.status).toBe(400);
    expect(JSON.stringify(visibility.body)).toContain('visibility');
    const parent = await post(LEAD, stepPath, { body: 'x', parentId: 'nope' });
    expect(parent.status).toBe(400);
  });

  it('another tenant’s engagement or subject answers 404', async () => {
    expect((await get(NORTHWIND, stepPath)).status).toBe(404);
    expect((await post(NORTHWIND, stepPath, { body: 'hi' })).status).toBe(404);
    const northwind = await northwindEngagementId(t);
    const theirIncident = await insertIncident(t, northwind, 'Their incident');
    const crossed = `/api/engagements/${engagementId}/conversations/incident/${theirIncident}`;
    expect((await get(LEAD, crossed)).status).toBe(404);
    expect((await post(LEAD, crossed, { body: 'hi' })).status).toBe(404);
    expect(
      (await get(LEAD, `/api/engagements/${engagementId}/conversations/memo/${theirIncident}`))
        .status,
    ).toBe(404);
  });

  it('the customer answers by mail: quoted text and signature stripped, shared, the provider told', async () => {
    const [mail] = commentMailsTo(sink, SECURITY);
    const leadMailsBefore = commentMailsTo(sink, LEAD).length;
    const raw = rawReply({
      from: SECURITY,
      to: replyToOf(mail!),
      text: 'Clause 4 is fine for us.\n\n-- \nSakura Security\n\nOn Mon, the portal wrote:\n> Please review clause 4',
      attachment: { name: 'signed-clause-4.pdf', contentType: 'application/pdf', bytes: PDF },
    });
    const response = await postInbound(t, raw).expect(200);
    expect(response.body).toEqual({ matched: true });
    const answers = (await threads(LEAD, stepPath)).find((c) => c.id === shared.id)?.replies ?? [];
    expect(answers.map((c) => [c.body, c.via, c.visibility])).toEqual([
      ['Clause 4 is fine for us.', 'email', 'shared'],
    ]);
    // The attached file is kept through the evidence store, with its SHA-256, for both parties.
    expect(answers[0]?.files.map((f) => [f.fileName, f.sha256])).toEqual([
      ['signed-clause-4.pdf', sha256(PDF)],
    ]);
    const download = await get(LEAD, `/api/evidence/${answers[0]?.files[0]?.id}`);
    expect(download.status).toBe(200);
    expect(sha256(download.body as Buffer)).toBe(sha256(PDF));
    await waitForCommentMails(sink, LEAD, leadMailsBefore + 1);
    // The address works once.
    expect((await postInbound(t, raw).expect(202)).body).toEqual({ matched: false });
  });

  it('provider staff answer an internal thread by mail and it stays internal', async () => {
    const [mail] = commentMailsTo(sink, AM);
    const raw = rawReply({
      from: AM,
      to: replyToOf(mail!),
      text: 'I will call their CISO today.',
      attachment: { name: 'call-notes.pdf', contentType: 'application/pdf', bytes: PDF },
    });
    expect((await postInbound(t, raw).expect(200)).body).toEqual({ matched: true });
    const thread = (await threads(LEAD, stepPath)).find((c) => c.id === internal.id);
    expect(thread?.replies.map((c) => [c.body, c.visibility])).toEqual([
      ['I will call their CISO today.', 'internal'],
    ]);
    expect(JSON.stringify(await threads(SECURITY, stepPath))).not.toContain('CISO');
    // Its file is internal like the comment: not listed for the customer, and 404 to download.
    const file = thread?.replies[0]?.files[0];
    expect(file?.fileName).toBe('call-notes.pdf');
    expect(JSON.stringify(await threads(SECURITY, stepPath))).not.toContain('call-notes');
    expect((await get(SECURITY, `/api/evidence/${file?.id}`)).status).toBe(404);
    expect((await get(AM, `/api/evidence/${file?.id}`)).status).toBe(200);
  });

  it('ignores auto-replies, strangers and mail to an unknown reply address (202)', async () => {
    const mentioned = await post(LEAD, stepPath, { body: 'One more: @it-jp@sakura.example' });
    expect(mentioned.status).toBe(201);
    const [mail] = await waitForCommentMails(sink, IT, 1);
    const to = replyToOf(mail!);
    const count = async () => everything(await threads(LEAD, stepPath)).length;
    const before = await count();
    const automatic: Record<string, string>[] = [
      { 'Auto-Submitted': 'auto-replied' },
      { 'X-Autoreply': 'yes' },
      { Precedence: 'bulk' },
      { Precedence: 'auto_reply' },
    ];
    for (const headers of automatic) {
      const raw = rawReply({ from: IT, to, text: 'I am out of office', headers });
      expect((await postInbound(t, raw).expect(202)).body).toEqual({ matched: false });
    }
    const stranger = rawReply({ from: 'mallory@sakura.example', to, text: 'hello' });
    expect((await postInbound(t, stranger).expect(202)).body).toEqual({ matched: false });
    const colleague = rawReply({ from: SECURITY, to, text: 'not my address' });
    expect((await postInbound(t, colleague).expect(202)).body).toEqual({ matched: false });
    const unknown = rawReply({
      from: IT,
      to: `replies+c${'0'.repeat(40)}@portal.example`,
      text: 'x',
    });
    expect((await postInbound(t, unknown).expect(202)).body).toEqual({ matched: false });
    expect(await count()).toBe(before);
    // Still usable by its owner after all that.
    const genuine = rawReply({ from: IT, to, text: 'Thanks, noted.' });
    expect((await postInbound(t, genuine).expect(200)).body).toEqual({ matched: true });
  });

  it('only the author edits, within the window; the old text is kept; nothing is deleted', async () => {
    const path = `/api/engagements/${engagementId}/comments/${shared.id}`;
    const patch = async (email: string, body: string) =>
      t
        .http()
        .patch(path)
        .set(await as(email))
        .send({ body });
    expect((await patch(ANALYST, 'hijack')).status).toBe(403);
    const edited = await patch(LEAD, 'Please review clause 4 and 5 before Friday.');
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      revision: 2,
      body: 'Please review clause 4 and 5 before Friday.',
    });
    expect(edited.body.history).toEqual([
      expect.objectContaining({
        revision: 1,
        body: expect.stringContaining('clause 4 before Friday'),
      }),
    ]);
    const clock = t.app.get(Clock);
    clock.travelTo(new Date(clock.nowMs() + 16 * 60_000));
    const late = await patch(LEAD, 'too late');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('COMMENT_EDIT_WINDOW_CLOSED');
    // No mail to the customer's people ever carried an internal text.
    const customerMails = sink.messages.filter((m) =>
      [SECURITY, IT].includes((Array.isArray(m.to) ? '' : m.to?.value[0]?.address) ?? ''),
    );
    expect(customerMails.length).toBeGreaterThan(0);
    for (const m of customerMails) expect(`${m.text}${m.html}`).not.toMatch(/firewall team|CISO/);
    const removed = await t
      .http()
      .delete(path)
      .set(await as(LEAD));
    expect(removed.status).toBe(404);
    const [row] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM conversation_comment WHERE id = $1`,
      [shared.id],
    )) as { n: number }[];
    expect(row?.n).toBe(1);
  });

  it('a person who turned mentions off is not mailed, and the mention is recorded as off', async () => {
    const preference = await t
      .http()
      .put('/api/me/notification-preferences')
      .set(await as(SECURITY))
      .send({ deliveries: { mention: 'off' } });
    expect(preference.status).toBe(200);
    const before = commentMailsTo(sink, SECURITY).length;
    const response = await post(LEAD, stepPath, {
      body: 'Quiet please, @security@sakura.example.',
    });
    expect(response.status).toBe(201);
    const held = await until('the mention recorded for the customer', async () => {
      const rows = (await t.dataSource.query(
        `SELECT h.kind, h.delivery FROM held_notification h JOIN app_user u ON u.id = h.user_id
          WHERE u.email = $1 AND h.kind = 'mention'`,
        [SECURITY],
      )) as { kind: string; delivery: string }[];
      return rows.length > 0 ? rows : undefined;
    });
    expect(held).toEqual([{ kind: 'mention', delivery: 'off' }]);
    expect(commentMailsTo(sink, SECURITY)).toHaveLength(before);
  });

  it('holds a comment of 20,000 characters in any script and refuses one more with 400 naming the body', async () => {
    const longest = `${'語'.repeat(19_990)}${'😀'.repeat(10)}`;
    const kept = await post(LEAD, documentPath, { body: longest });
    expect(kept.status).toBe(201);
    const [row] = (await t.dataSource.query(
      `SELECT char_length(body) AS n FROM conversation_comment WHERE id = $1`,
      [kept.body.id],
    )) as { n: number }[];
    expect(row?.n).toBe(20_000);
    for (const body of [`${longest}x`, 'a'.repeat(25_000)]) {
      const refused = await post(LEAD, documentPath, { body });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'body' })]);
    }
    // The same through multipart: the form reads a body far over the limit whole, then refuses it.
    const multipart = async (body: string) =>
      t
        .http()
        .post(documentPath)
        .set(await as(LEAD))
        .field('body', body);
    expect((await multipart(longest)).status).toBe(201);
    for (const body of [`${longest}x`, '語'.repeat(60_000)]) {
      const refused = await multipart(body);
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'body' })]);
    }
  });

  it('the API takes a comment with a file (multipart): checked, hashed, kept with the comment’s visibility and audited', async () => {
    const withFile = async (
      email: string,
      path: string,
      fields: Record<string, string>,
      file?: { name: string; bytes: Buffer },
    ) => {
      let request = t
        .http()
        .post(path)
        .set(await as(email));
      for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
      return file ? request.attach('file', file.bytes, file.name) : request;
    };
    const sharedPost = await withFile(
      IT,
      stepPath,
      { body: 'Our proxy export, as asked.' },
      { name: 'proxy-export.pdf', bytes: PDF },
    );
    expect(sharedPost.status).toBe(201);
    expect(sharedPost.body).toMatchObject({ visibility: 'shared', via: 'api' });
    expect(sharedPost.body.files).toEqual([
      {
        id: expect.any(String),
        fileName: 'proxy-export.pdf',
        sizeBytes: PDF.length,
        sha256: sha256(PDF),
      },
    ]);
    const listed = everything(await threads(LEAD, stepPath)).find(
      (c) => c.id === sharedPost.body.id,
    );
    expect(listed?.files.map((f) => [f.fileName, f.sha256])).toEqual([
      ['proxy-export.pdf', sha256(PDF)],
    ]);
    const served = await get(LEAD, `/api/evidence/${sharedPost.body.files[0].id}`);
    expect(served.status).toBe(200);
    expect(sha256(served.body as Buffer)).toBe(sha256(PDF));

    const notes = Buffer.from('internal-notes: their EDR console password rotates monthly\n');
    const internalPost = await withFile(
      ANALYST,
      incidentPath,
      { body: 'Notes from the call (internal).' },
      { name: 'internal-notes.txt', bytes: notes },
    );
    expect(internalPost.status).toBe(201);
    expect(internalPost.body.visibility).toBe('internal');
    const fileId = internalPost.body.files[0].id as string;
    const [stored] = (await t.dataSource.query(
      `SELECT visibility, subject_kind, subject_id FROM evidence_attachment WHERE id = $1`,
      [fileId],
    )) as { visibility: string; subject_kind: string; subject_id: string }[];
    expect(stored).toEqual({
      visibility: 'internal',
      subject_kind: 'comment',
      subject_id: internalPost.body.id,
    });
    // The customer never receives it: not listed, not served, not named anywhere they read.
    for (const who of [SECURITY, IT]) {
      expect(JSON.stringify(await threads(who, incidentPath))).not.toContain('internal-notes');
      expect((await get(who, `/api/evidence/${fileId}`)).status).toBe(404);
      const incidentFiles = await get(
        who,
        `/api/engagements/${engagementId}/incidents/${incidentPath.split('/').pop()}/evidence`,
      );
      expect(JSON.stringify(incidentFiles.body)).not.toContain('internal-notes');
    }
    const theirs = await get(AM, `/api/evidence/${fileId}`);
    expect(theirs.status).toBe(200);
    expect(sha256(Buffer.from(theirs.text, 'utf8'))).toBe(sha256(notes));
    // An answer to an internal thread with a file: internal too.
    const answer = await withFile(
      LEAD,
      incidentPath,
      { body: 'Screenshot attached.', parentId: internalPost.body.id },
      { name: 'screen.txt', bytes: Buffer.from('screen notes\n') },
    );
    expect(answer.status).toBe(201);
    expect(answer.body.visibility).toBe('internal');
    const [answerFile] = (await t.dataSource.query(
      `SELECT visibility FROM evidence_attachment WHERE id = $1`,
      [answer.body.files[0].id],
    )) as { visibility: string }[];
    expect(answerFile?.visibility).toBe('internal');
    const uploads = (await t.dataSource.query(
      `SELECT subject_id AS "subjectId" FROM audit_record WHERE action = 'evidence.uploaded' AND subject_id = ANY($1)`,
      [[sharedPost.body.files[0].id, fileId]],
    )) as { subjectId: string }[];
    expect(uploads).toHaveLength(2);
  });

  it('refuses a comment’s file as the store does, writing nothing; another tenant is 404; the customer cannot write an internal one', async () => {
    const count = async (): Promise<number[]> =>
      Promise.all(
        ['conversation_comment', 'evidence_attachment'].map(
          async (table) =>
            (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number,
        ),
      );
    const before = await count();
    const program = await t
      .http()
      .post(stepPath)
      .set(await as(SECURITY))
      .field('body', 'Our report tool output')
      .attach('file', Buffer.from('MZ\x90\x00 program'), 'report.pdf');
    expect(program.status).toBe(415);
    expect(program.body.code).toBe('EVIDENCE_FILE_EXECUTABLE');
    const empty = await t
      .http()
      .post(stepPath)
      .set(await as(SECURITY))
      .field('body', 'An empty file')
      .attach('file', Buffer.alloc(0), 'empty.txt');
    expect(empty.status).toBe(400);
    const unknown = await t
      .http()
      .post(stepPath)
      .set(await as(SECURITY))
      .field('body', 'x')
      .field('colour', 'red');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('colour');
    const badParent = await t
      .http()
      .post(stepPath)
      .set(await as(SECURITY))
      .field('body', 'x')
      .field('parentId', 'nope')
      .attach('file', PDF, 'a.pdf');
    expect(badParent.status).toBe(400);
    expect(JSON.stringify(badParent.body)).toContain('parentId');
    const internalByCustomer = await t
      .http()
      .post(stepPath)
      .set(await as(SECURITY))
      .field('body', 'keep this between us')
      .field('visibility', 'internal')
      .attach('file', PDF, 'secret.pdf');
    expect(internalByCustomer.status).toBe(403);
    const stranger = await t
      .http()
      .post(stepPath)
      .set(await as(NORTHWIND))
      .field('body', 'hello')
      .attach('file', PDF, 'hello.pdf');
    expect(stranger.status).toBe(404);
    const northwind = await northwindEngagementId(t);
    const theirIncident = await insertIncident(t, northwind, 'Their other incident');
    const crossed = await t
      .http()
      .post(`/api/engagements/${engagementId}/conversations/incident/${theirIncident}`)
      .set(await as(LEAD))
      .field('body', 'hello')
      .attach('file', PDF, 'hello.pdf');
    expect(crossed.status).toBe(404);
    expect(await count()).toEqual(before);
  });

  it('the customer’s audit export shows internal comments and files as existence only; the chain verifies offline; the provider’s export keeps what they withhold', async () => {
    const posted = await post(ANALYST, stepPath, {
      body: 'Internal: their SOC lead resigned @am@mdr.example',
      visibility: 'internal',
    });
    expect(posted.status).toBe(201);
    const edited = await t
      .http()
      .patch(`/api/engagements/${engagementId}/comments/${posted.body.id}`)
      .set(await as(ANALYST))
      .send({ body: 'Internal: their SOC lead resigned last week @am@mdr.example' });
    expect(edited.status).toBe(200);
    const [am] = (await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [AM])) as {
      id: string;
    }[];
    // What an internal comment or file must never show the customer: its text and file names;
    // its mentions are checked below (no record of it carries more than two keys).
    const secrets = [
      'firewall team',
      'CISO',
      'SOC lead',
      'call-notes',
      'internal-notes',
      'screen.txt',
    ];
    const internalIds = (
      (await t.dataSource.query(
        `SELECT id::text FROM conversation_comment WHERE engagement_id = $1 AND visibility = 'internal'
         UNION ALL SELECT id::text FROM evidence_attachment WHERE engagement_id = $1 AND visibility = 'internal'`,
        [engagementId],
      )) as { id: string }[]
    ).map((r) => r.id);
    const exportAs = async (email: string, format: 'json' | 'csv') => {
      const response = await get(
        email,
        `/api/engagements/${engagementId}/audit-export?format=${format}`,
      );
      expect(response.status).toBe(200);
      return response.text;
    };
    const json = await exportAs(SECURITY, 'json');
    const csv = await exportAs(SECURITY, 'csv');
    const listed = await get(SECURITY, `/api/audit?engagementId=${engagementId}&limit=500`);
    expect(listed.status).toBe(200);
    for (const text of [json, csv, JSON.stringify(listed.body)])
      for (const secret of secrets) expect(text).not.toContain(secret);

    const records = (JSON.parse(json) as { records: ExportedAuditRecord[] }).records;
    const internal = records.filter((r) => internalIds.includes(r.subjectId));
    // Posted, edited, the mail reply, the incident's note; the reply's file uploaded, downloaded.
    expect(internal.map((r) => r.action).sort()).toEqual(
      expect.arrayContaining([
        'conversation.comment_edited',
        'conversation.comment_posted',
        'evidence.downloaded',
        'evidence.uploaded',
      ]),
    );
    for (const record of internal) {
      expect(Object.keys(record.changes).sort()).toEqual(['contentSha256', 'visibility']);
      expect(record.changes).toEqual({
        visibility: 'internal',
        contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(record.withheld).toBeUndefined();
    }
    // Existence only, and still the whole chain: the offline verifier recomputes every hash.
    expect(records.length).toBeGreaterThan(internal.length);
    expect(offlineChainProblems(records)).toEqual([]);
    const [header, ...rows] = parseCsv(csv);
    expect(rows.map((row) => row[header!.indexOf('hash')])).toEqual(records.map((r) => r.hash));
    expect(rows.every((row) => row[header!.indexOf('withheld')] === '')).toBe(true);

    // The provider's side gets the same chain, each internal record with what it withholds,
    // whose SHA-256 is the record's contentSha256.
    const providers = (JSON.parse(await exportAs(AM, 'json')) as { records: ExportedAuditRecord[] })
      .records;
    expect(providers.map((r) => r.hash)).toEqual(records.map((r) => r.hash));
    expect(offlineChainProblems(providers)).toEqual([]);
    for (const record of providers.filter((r) => internalIds.includes(r.subjectId))) {
      expect(record.withheld).toBeDefined();
      expect(withheldContentSha256(record.withheld!)).toBe(record.changes.contentSha256);
    }
    const withheld = JSON.stringify(providers.map((r) => r.withheld ?? null));
    expect(withheld).toContain(am!.id);
    expect(withheld).toContain('call-notes.pdf');
    const editedRecord = providers.find(
      (r) => r.action === 'conversation.comment_edited' && r.subjectId === posted.body.id,
    );
    expect(editedRecord?.withheld?.changes).toMatchObject({
      revision: 2,
      visibility: 'internal',
      bodySha256: createHash('sha256')
        .update('Internal: their SOC lead resigned last week @am@mdr.example')
        .digest('hex'),
    });
    const [providerHeader, ...providerRows] = parseCsv(await exportAs(LEAD, 'csv'));
    const column = providerHeader!.indexOf('withheld');
    const disclosed = providerRows.filter((row) => row[column] !== '');
    expect(disclosed.length).toBe(internal.length);
    for (const row of disclosed)
      expect(withheldContentSha256(JSON.parse(row[column]!))).toBe(
        (JSON.parse(row[providerHeader!.indexOf('changes')]!) as { contentSha256: string })
          .contentSha256,
      );
    // Shared comments' records are as before: their details in the chain.
    const sharedRecord = providers.find(
      (r) => r.action === 'conversation.comment_posted' && r.subjectId === shared.id,
    );
    expect(sharedRecord?.changes).toMatchObject({ visibility: 'shared', via: 'api' });
    expect(canonicalJson(sharedRecord?.changes)).toContain('bodySha256');
  });
});
