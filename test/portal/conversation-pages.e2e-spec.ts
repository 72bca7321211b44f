// date-sensitive: the edit window is measured by the business clock
import { createHash } from 'node:crypto';
import { Clock } from '@app/platform';
import {
  commentMailsTo,
  conversationEnv,
  documentVersionId,
  postInbound,
  rawReply,
  replyToOf,
  stepId,
  waitForCommentMails,
} from '../collaboration/conversation-driver';
import { insertIncident } from '../incidents/support/insert-incident';
import {
  createSakuraOnboarding,
  proposeSakuraDocuments,
  sakuraEngagementId,
  Tokens,
} from '../support/onboarding-driver';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { inspect } from '../support/page-inspection';
import { startTestApp, TestApp } from '../support/test-app';
import { csrfTokenIn, PortalAgent, portalAgent, signIn, textOf } from './portal-client';

const SECRET_PLAN = 'Internal: their proxy blocks our sensor, we fix it quietly';
const INCIDENT_NOTE = 'Internal: probably the same actor as last month';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const NOTES = Buffer.from('proxy exceptions we add quietly\n10.0.0.0/8\n');
const SCREENSHOT = Buffer.from('Proxy console screenshot notes: rule 7 changed\n');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The response body as bytes, whatever its content type. */
function bytesOf(request: ReturnType<PortalAgent['get']>) {
  return request.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

/** The comment files' download links on a page, by file name. */
function commentFilesOf(html: string): Map<string, string> {
  const links = new Map<string, string>();
  for (const m of html.matchAll(
    /<a href="(\/evidence\/[0-9a-f-]{36})" download data-testid="comment-file-download">([^<]+)<\/a>/g,
  ))
    links.set(m[2], m[1]);
  return links;
}

describe('portal: conversations between provider and customer', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let engagementId: string;
  let onboardingId: string;
  let page: string;
  let incidentId: string;
  let lead: PortalAgent;
  let customer: PortalAgent;
  let northwind: PortalAgent;

  const postForm = async (agent: PortalAgent, path: string, form: Record<string, string>) => {
    const token = csrfTokenIn((await agent.get(page)).text);
    return agent
      .post(path)
      .type('form')
      .send({ ...form, _csrf: token });
  };
  const commentsOn = (html: string) =>
    [...html.matchAll(/data-testid="comment" data-visibility="(internal|shared)"/g)].map(
      (m) => m[1],
    );

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: conversationEnv(sink.url) });
    const tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    onboardingId = await createSakuraOnboarding(t, tokens);
    page = `/engagements/${engagementId}/conversations/step/${await stepId(t, onboardingId, 'service_agreement')}`;
    incidentId = await insertIncident(t, engagementId, 'Suspicious logon');
    lead = portalAgent(t);
    await signIn(lead, 'lead@mdr.example');
    customer = portalAgent(t);
    await signIn(customer, 'security@sakura.example');
    northwind = portalAgent(t);
    await signIn(northwind, 'security@northwind.example');
  });

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('the provider writes a shared and an internal comment through the page', async () => {
    const shared = await postForm(lead, page, {
      body: 'Could you confirm the maintenance window? @security@sakura.example',
    });
    expect(shared.status).toBe(303);
    expect(shared.headers.location).toMatch(new RegExp(`^${page}#comment-[0-9a-f-]{36}$`));
    const internal = await postForm(lead, page, { body: SECRET_PLAN, visibility: 'internal' });
    expect(internal.status).toBe(303);
    const response = await lead.get(page).expect(200);
    const html = response.text;
    expect(inspect(html, response.headers as Record<string, string>)).toEqual([]);
    expect(commentsOn(html)).toEqual(['shared', 'internal']);
    expect(html).toContain('comment--internal');
    expect(textOf(html)).toContain(SECRET_PLAN);
  });

  it('the customer’s pages never show the internal comment, nor count it', async () => {
    const html = (await customer.get(page).expect(200)).text;
    expect(commentsOn(html)).toEqual(['shared']);
    expect(html).not.toContain(SECRET_PLAN);
    expect(html).not.toContain('name="visibility"');
    const onboarding = (await customer.get(`/onboardings/${onboardingId}`).expect(200)).text;
    const link = /data-testid="step-conversation">([^<]*)</.exec(
      onboarding.slice(onboarding.indexOf('id="step-service_agreement"')),
    );
    expect(link?.[1]).toMatch(/1/);
    const leadOnboarding = (await lead.get(`/onboardings/${onboardingId}`).expect(200)).text;
    const leadLink = /data-testid="step-conversation">([^<]*)</.exec(
      leadOnboarding.slice(leadOnboarding.indexOf('id="step-service_agreement"')),
    );
    expect(leadLink?.[1]).toMatch(/2/);
  });

  it('the customer answers by mail and through the page; choosing internal is refused with the text kept', async () => {
    const [mail] = await waitForCommentMails(sink, 'security@sakura.example', 1);
    expect(`${mail?.text}`).not.toContain(SECRET_PLAN);
    const reply = rawReply({
      from: 'security@sakura.example',
      to: replyToOf(mail!),
      text: 'Saturday 02:00-04:00 JST.\n\nOn Tue, MDR Portal wrote:\n> Could you confirm',
    });
    expect((await postInbound(t, reply).expect(200)).body).toEqual({ matched: true });
    let html = (await customer.get(page).expect(200)).text;
    expect(textOf(html)).toContain('Saturday 02:00-04:00 JST.');
    expect(textOf(html)).not.toContain(
      'Could you confirm the maintenance window? @security@sakura.example Saturday',
    );
    const refused = await postForm(customer, page, {
      body: 'Please keep this between us',
      visibility: 'internal',
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Please keep this between us');
    expect(inspect(refused.text, refused.headers as Record<string, string>)).toEqual([]);
    const empty = await postForm(customer, page, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('data-testid="comment-problem"');
    const posted = await postForm(customer, page, { body: 'Also: the proxy is ours to change.' });
    expect(posted.status).toBe(303);
    html = (await lead.get(page).expect(200)).text;
    expect(commentsOn(html)).toEqual(['shared', 'shared', 'internal', 'shared']);
  });

  it('the author corrects a comment in its window; later a correction is refused with the text kept', async () => {
    const html = (await customer.get(page).expect(200)).text;
    const action = /action="([^"]+\/edit)"/.exec(html)?.[1];
    expect(action).toBeDefined();
    const edited = await postForm(customer, action!, {
      body: 'Also: the proxy is ours to change (ticket 42).',
    });
    expect(edited.status).toBe(303);
    const after = (await lead.get(page).expect(200)).text;
    expect(textOf(after)).toContain('ticket 42');
    expect(textOf(after)).toContain('Also: the proxy is ours to change.');
    const clock = t.app.get(Clock);
    clock.travelTo(new Date(clock.nowMs() + 20 * 60_000));
    const late = await postForm(customer, action!, { body: 'Another change' });
    expect(late.status).toBe(409);
    expect(late.text).toContain('Another change');
    expect(textOf(late.text)).toMatch(/編集可能な時間を過ぎた|edit window has passed/);
  });

  it('an incident page shows its internal comments to the provider only', async () => {
    const api = new Tokens(t);
    const path = `/api/engagements/${engagementId}/conversations/incident/${incidentId}`;
    await t
      .http()
      .post(path)
      .set('Authorization', await api.for('analyst@mdr.example'))
      .send({ body: INCIDENT_NOTE })
      .expect(201);
    const incidentPage = `/engagements/${engagementId}/incidents/${incidentId}`;
    const forLead = (await lead.get(incidentPage).expect(200)).text;
    expect(forLead).toContain('data-testid="conversation-section"');
    expect(forLead).toContain(`/engagements/${engagementId}/conversations/incident/${incidentId}`);
    expect(commentsOn(forLead)).toEqual(['internal']);
    expect(textOf(forLead)).toContain(INCIDENT_NOTE);
    const forCustomer = (await customer.get(incidentPage).expect(200)).text;
    expect(forCustomer).toContain('data-testid="conversation-section"');
    expect(commentsOn(forCustomer)).toEqual([]);
    expect(forCustomer).not.toContain(INCIDENT_NOTE);
    const conversation = `/engagements/${engagementId}/conversations/incident/${incidentId}`;
    expect((await customer.get(conversation).expect(200)).text).not.toContain(INCIDENT_NOTE);
  });

  it('the documents page links each version’s conversation', async () => {
    const version = await documentVersionId(t, engagementId, 'service_agreement');
    const html = (await customer.get(`/engagements/${engagementId}/documents`).expect(200)).text;
    expect(html).toContain(
      `/engagements/${engagementId}/conversations/document-version/${version}`,
    );
    expect(
      (await customer.get(`/engagements/${engagementId}/conversations/document-version/${version}`))
        .status,
    ).toBe(200);
  });

  it('another tenant’s subject is the 404 page; no mail to the customer carried an internal text', async () => {
    expect((await northwind.get(page)).status).toBe(404);
    const token = csrfTokenIn((await northwind.get('/')).text);
    const post = await northwind.post(page).type('form').send({ body: 'hello', _csrf: token });
    expect(post.status).toBe(404);
    expect(
      (await lead.get(`/engagements/${engagementId}/conversations/memo/${incidentId}`)).status,
    ).toBe(404);
    for (const m of commentMailsTo(sink, 'security@sakura.example'))
      expect(`${m.text}${m.html}`).not.toMatch(/their proxy blocks|same actor/);
  });

  it('a comment carries a file: listed with size and SHA-256, downloaded byte for byte; an internal comment’s file is hidden from the customer and 404', async () => {
    const form = (await lead.get(page).expect(200)).text;
    expect(form).toContain(`enctype="multipart/form-data" action="${page}"`);
    const token = csrfTokenIn(form);
    const shared = await lead
      .post(page)
      .field('_csrf', token)
      .field('body', 'The proxy rules, as agreed. @security@sakura.example')
      .attach('file', PDF, 'proxy-rules.pdf')
      .expect(303);
    expect(shared.headers.location).toMatch(new RegExp(`^${page}#comment-[0-9a-f-]{36}$`));
    await lead
      .post(page)
      .field('_csrf', token)
      .field('body', 'Our exception list (internal)')
      .field('visibility', 'internal')
      .attach('file', NOTES, 'exceptions.txt')
      .expect(303);
    const stored = (await t.dataSource.query(
      `SELECT a.file_name, a.visibility, c.visibility AS comment_visibility
         FROM evidence_attachment a JOIN conversation_comment c ON c.id = a.subject_id
        WHERE a.subject_kind = 'comment' ORDER BY a.uploaded_at, a.file_name`,
    )) as { file_name: string; visibility: string; comment_visibility: string }[];
    expect(stored).toEqual([
      { file_name: 'proxy-rules.pdf', visibility: 'shared', comment_visibility: 'shared' },
      { file_name: 'exceptions.txt', visibility: 'internal', comment_visibility: 'internal' },
    ]);

    const forLead = await lead.get(page).expect(200);
    expect(inspect(forLead.text, forLead.headers as Record<string, string>)).toEqual([]);
    const leadLinks = commentFilesOf(forLead.text);
    expect([...leadLinks.keys()]).toEqual(['proxy-rules.pdf', 'exceptions.txt']);
    expect(textOf(forLead.text)).toContain(
      `proxy-rules.pdf · ${PDF.length} B · SHA-256 ${sha256(PDF)}`,
    );
    expect(textOf(forLead.text)).toContain(`SHA-256 ${sha256(NOTES)}`);

    const forCustomer = (await customer.get(page).expect(200)).text;
    expect([...commentFilesOf(forCustomer).keys()]).toEqual(['proxy-rules.pdf']);
    expect(forCustomer).not.toContain('exceptions.txt');
    expect(forCustomer).not.toContain(sha256(NOTES));
    const sharedHref = commentFilesOf(forCustomer).get('proxy-rules.pdf') as string;
    for (const agent of [customer, lead]) {
      const file = await bytesOf(agent.get(sharedHref)).expect(200);
      expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
      expect(sha256(file.body as Buffer)).toBe(sha256(PDF));
      expect(file.headers['x-content-sha256']).toBe(sha256(PDF));
      expect(file.headers['content-disposition']).toMatch(/^attachment; /);
    }
    const internalHref = leadLinks.get('exceptions.txt') as string;
    const hidden = await customer.get(internalHref);
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain('10.0.0.0/8');
    const internal = await bytesOf(lead.get(internalHref)).expect(200);
    expect(Buffer.compare(internal.body as Buffer, NOTES)).toBe(0);
  });

  it('a refused file keeps the typed text and writes neither the comment nor the file', async () => {
    const rows = async (): Promise<number[]> =>
      Promise.all(
        ['conversation_comment', 'evidence_attachment'].map(
          async (table) =>
            (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number,
        ),
      );
    const before = await rows();
    const token = csrfTokenIn((await customer.get(page).expect(200)).text);
    const program = await customer
      .post(page)
      .field('_csrf', token)
      .field('body', 'Here is our report tool output')
      .attach('file', Buffer.from('MZ\x90\x00 program'), 'report.pdf')
      .expect(415);
    expect(program.text).toContain('data-testid="comment-problem"');
    expect(program.text).toContain('Here is our report tool output');
    expect(textOf(program.text)).toContain('プログラムは証跡として添付できません。');
    expect(inspect(program.text, program.headers as Record<string, string>)).toEqual([]);
    const noToken = await customer
      .post(page)
      .field('body', 'forged')
      .attach('file', PDF, 'forged.pdf');
    expect(noToken.status).toBe(403);
    const plainNoToken = await customer.post(page).type('form').send({ body: 'forged too' });
    expect(plainNoToken.status).toBe(403);
    // A file part without a name and with bytes is refused (400 naming the file), not a crash.
    const unnamed = await customer
      .post(page)
      .field('_csrf', token)
      .field('body', 'A file without a name')
      .attach('file', PDF, '');
    expect(unnamed.status).toBe(400);
    expect(unnamed.text).toContain('A file without a name');
    expect(await rows()).toEqual(before);
    // A form whose file input was left empty (a browser sends an empty part without a name)
    // posts the comment alone.
    const boundary = '----browserBoundary7MA4YWxkTrZu0gW';
    const part = (headers: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; ${headers}\r\n\r\n${value}\r\n`;
    const textOnly = await customer
      .post(page)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(
        part('name="_csrf"', token) +
          part('name="body"', 'No file this time.') +
          part('name="file"; filename=""\r\nContent-Type: application/octet-stream', '') +
          `--${boundary}--\r\n`,
      );
    expect(textOnly.status).toBe(303);
    expect(textOnly.headers.location).toMatch(/#comment-/);
    const [comments, files] = await rows();
    expect([comments, files]).toEqual([before[0]! + 1, before[1]]);
  });

  it('a file attached to a mail reply is listed on the page and downloadable', async () => {
    const mails = await waitForCommentMails(sink, 'security@sakura.example', 2);
    const mail = mails.find((m) => (m.text ?? '').includes('proxy rules'));
    expect(mail).toBeDefined();
    const reply = rawReply({
      from: 'security@sakura.example',
      to: replyToOf(mail!),
      text: 'Screenshot notes attached.\n\n> The proxy rules',
      attachment: { name: 'console.txt', contentType: 'text/plain', bytes: SCREENSHOT },
    });
    expect((await postInbound(t, reply).expect(200)).body).toEqual({ matched: true });
    for (const agent of [customer, lead]) {
      const html = (await agent.get(page).expect(200)).text;
      expect(textOf(html)).toContain(`SHA-256 ${sha256(SCREENSHOT)}`);
      const href = commentFilesOf(html).get('console.txt') as string;
      expect(href).toMatch(/^\/evidence\//);
      const file = await bytesOf(agent.get(href)).expect(200);
      expect(Buffer.compare(file.body as Buffer, SCREENSHOT)).toBe(0);
    }
  });

  it('a long comment: 20,000 characters are kept; a longer one comes back on the page whole, with its length, from every form', async () => {
    const lengthOf = async (id: string): Promise<number> =>
      (
        (await t.dataSource.query(
          `SELECT char_length(body) AS n FROM conversation_comment WHERE id = $1`,
          [id],
        )) as { n: number }[]
      )[0]!.n;
    const commentIdOf = (location: string): string => /#comment-(.+)$/.exec(location)![1]!;
    const longest = '語'.repeat(20_000);
    const kept = await postForm(customer, page, { body: longest });
    expect(kept.status).toBe(303);
    expect(await lengthOf(commentIdOf(kept.headers.location as string))).toBe(20_000);

    const tooLong = `${'a'.repeat(24_990)}END-OF-TEXT`;
    const refused = await postForm(customer, page, { body: tooLong });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`>${tooLong}</textarea>`);
    expect(refused.text).toContain('data-testid="comment-too-long"');
    expect(textOf(refused.text)).toContain('25,001');
    expect(textOf(refused.text)).toContain('20,000');
    expect(inspect(refused.text, refused.headers as Record<string, string>)).toEqual([]);
    const english = await postForm(lead, page, { body: tooLong });
    expect(english.status).toBe(400);
    expect(textOf(english.text)).toContain(
      'This text has 25,001 characters; a comment holds at most 20,000.',
    );

    // Multipart (the page's form when files may be attached): four bytes a character pass too.
    const token = csrfTokenIn((await customer.get(page).expect(200)).text);
    const multipart = (body: string) =>
      customer.post(page).field('_csrf', token).field('body', body);
    const emoji = '😀'.repeat(20_000);
    const keptEmoji = await multipart(emoji);
    expect(keptEmoji.status).toBe(303);
    expect(await lengthOf(commentIdOf(keptEmoji.headers.location as string))).toBe(20_000);
    const overByOne = await multipart(`${longest}!`);
    expect(overByOne.status).toBe(400);
    expect(overByOne.text).toContain(`>${longest}!</textarea>`);
    expect(textOf(overByOne.text)).toContain('20,001');
    // Far beyond what a form reads whole: still the page with the message, nothing kept.
    const before = (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM conversation_comment`)
    )[0].n;
    const huge = await multipart('x'.repeat(200_000));
    expect(huge.status).toBe(400);
    expect(huge.text).toContain('data-testid="comment-too-long"');
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM conversation_comment`))[0].n,
    ).toBe(before);

    // A correction over the limit comes back in its edit form.
    const id = commentIdOf(kept.headers.location as string);
    const edit = await postForm(customer, `${page}/comments/${id}/edit`, { body: `${longest}!` });
    expect(edit.status).toBe(400);
    expect(edit.text).toContain(`>${longest}!</textarea>`);
    expect(edit.text).toContain('data-testid="comment-too-long"');
    expect(await lengthOf(id)).toBe(20_000);
  });
});
