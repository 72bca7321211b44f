import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hiddenFieldsOf, portalAgent, signIn, textOf } from '../portal/portal-client';
import { startDnsServer, DnsServer } from '../support/dns-server';
import {
  decideByLink,
  devMailTo,
  mailboxMark,
  mailWithoutWorker,
  tokenFromMail,
} from '../support/domain-confirmation-driver';
import {
  createSakuraOnboarding,
  drive,
  proposeSakuraDocuments,
  sakuraEngagementId,
  steps,
  Tokens,
} from '../support/onboarding-driver';
import { driveUntilOpen } from '../support/signature-driver';
import { startTestApp, TestApp } from '../support/test-app';

const SECURITY = 'security@sakura.example';
const IT = 'it-jp@sakura.example';
const STEP = 'domain_permission_email';
/** The public page's titles in every language: the test does not depend on which one it picks. */
const confirmTitles = (key: 'declinedTitle' | 'confirmedTitle'): string[] =>
  ['ja', 'en', 'zh'].map((lang) => {
    const file = join(
      __dirname,
      '..',
      '..',
      'apps',
      'api',
      'src',
      'portal',
      'i18n',
      'features',
      `domain-confirmation.${lang}.json`,
    );
    return (
      (
        JSON.parse(readFileSync(file, 'utf8')) as {
          domainConfirmation: { confirm: Record<string, string> };
        }
      ).domainConfirmation.confirm[key] ?? '?'
    );
  });

/** The provider's domain-confirmation page through a real session (send, resend, DNS check, states) and the public decline. */
describe('domain-confirmation portal page', () => {
  let t: TestApp;
  let dns: DnsServer;
  let tokens: Tokens;
  let id: string;
  let engagementId: string;
  const page = (): string => `/onboardings/${id}/domain-confirmations`;
  const rows = (html: string): Record<string, string[]> => {
    const found: Record<string, string[]> = {};
    for (const match of html.matchAll(
      /data-testid="dc-row" data-recipient="([^"]+)" data-state="([^"]+)"/g,
    )) {
      (found[match[1] as string] ??= []).push(match[2] as string);
    }
    return found;
  };
  const stepState = async (): Promise<string | undefined> =>
    (await steps(t, tokens, id)).find((s) => s.key === STEP)?.state;
  const secrets = async (): Promise<number> =>
    (
      (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM domain_dns_secret WHERE engagement_id = $1`,
        [engagementId],
      )) as { n: number }[]
    )[0]?.n ?? -1;
  /** The request's outbox message mailed by the real sender (no worker here), read from the dev mailbox. */
  const linkFor = async (recipient: string, since: Date): Promise<string> => {
    const rowsOf = (await t.dataSource.query(
      `SELECT id FROM domain_confirmation WHERE recipient = $1 AND status = 'sent'`,
      [recipient],
    )) as { id: string }[];
    await mailWithoutWorker(t, rowsOf[0]?.id ?? '');
    return tokenFromMail(await devMailTo(t, recipient, since));
  };

  beforeAll(async () => {
    dns = await startDnsServer();
    t = await startTestApp({ seed: true, env: { DNS_RESOLVER: dns.address } });
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    id = await createSakuraOnboarding(t, tokens);
    await proposeSakuraDocuments(t, tokens, engagementId);
    await driveUntilOpen(t, tokens, id, engagementId, STEP, steps, drive);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await dns?.stop();
  });

  it('reading the page or the list writes nothing: the DNS value is made by the first send, audited once', async () => {
    const lead = portalAgent(t);
    await signIn(lead, 'lead@mdr.example');
    const empty = await lead.get(page()).expect(200);
    expect(empty.text).toContain('data-testid="dc-dns-not-yet"');
    expect(empty.text).not.toContain('data-testid="dc-dns-expected"');
    const api = await t
      .http()
      .get(`/api/onboardings/${id}/domain-confirmations`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(200);
    expect(api.body.dns.expected).toEqual([]);
    expect(await secrets()).toBe(0);

    const fields = hiddenFieldsOf(empty.text, page()) ?? {};
    const refused = await lead
      .post(page())
      .type('form')
      .send({ ...fields, recipients: `${SECURITY}\nx@evil.example` });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('data-testid="dc-error"');
    expect(textOf(refused.text)).toContain('recipients[1]');
    expect(await secrets()).toBe(0);

    const sent = await lead
      .post(page())
      .type('form')
      .send({ ...fields, recipients: `${SECURITY}\n${IT}` });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`${page()}?result=sent`);
    const after = await lead.get(sent.headers.location as string).expect(200);
    expect(after.text).toContain('data-testid="dc-result"');
    // No worker runs here: the mail is still waiting in the outbox.
    expect(rows(after.text)).toEqual({ [SECURITY]: ['queued'], [IT]: ['queued'] });
    expect(after.text).toContain('_mdr-authorisation.sakura.example');
    expect(await secrets()).toBe(1);
    const issued = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE action = 'domain_confirmation.dns_value_issued' AND subject_id = $1`,
      [engagementId],
    );
    expect(issued).toHaveLength(1);
  });

  it('resend supersedes the earlier request; the DNS check shows its result; a customer sees no forms', async () => {
    const lead = portalAgent(t);
    await signIn(lead, 'am@mdr.example');
    const before = await lead.get(page()).expect(200);
    const resendAction = new RegExp(`action="(${page()}/[0-9a-f-]{36}/resend)"`).exec(
      before.text,
    )?.[1] as string;
    expect(resendAction).toBeDefined();
    const resent = await lead
      .post(resendAction)
      .type('form')
      .send(hiddenFieldsOf(before.text, resendAction) ?? {});
    expect(resent.status).toBe(303);
    const states = rows((await lead.get(page()).expect(200)).text);
    expect(Object.values(states).flat().sort()).toEqual(['queued', 'queued', 'superseded']);

    const checkAction = `${page()}/dns-check`;
    const checked = await lead
      .post(checkAction)
      .type('form')
      .send(hiddenFieldsOf(before.text, checkAction) ?? {});
    expect(checked.status).toBe(303);
    const result = await lead.get(checked.headers.location as string).expect(200);
    expect(result.text).toContain('data-testid="dc-dns-result"');
    expect(textOf(result.text)).toContain('_mdr-authorisation.sakura.example');

    const customer = portalAgent(t);
    await signIn(customer, SECURITY);
    const view = await customer.get(page()).expect(200);
    expect(view.text).not.toContain('data-testid="dc-send"');
    expect(view.text).not.toContain('data-testid="dc-dns-check"');
    const northwind = portalAgent(t);
    await signIn(northwind, 'security@northwind.example');
    expect((await northwind.get(page())).status).toBe(404);
  });

  it('a recipient declines on the public page: the step is rejected and the page lists the request as declined; asking again reopens it', async () => {
    const since = await mailboxMark(t);
    const token = await linkFor(IT, since);
    const lead = portalAgent(t);
    await signIn(lead, 'lead@mdr.example');
    expect(rows((await lead.get(page()).expect(200)).text)[IT]).toContain('sent');
    const declined = await decideByLink(t, token, 'decline');
    expect(declined.status).toBe(200);
    expect(declined.text).toContain('data-testid="confirm-done"');
    expect(confirmTitles('declinedTitle').some((title) => declined.text.includes(title))).toBe(
      true,
    );
    expect(confirmTitles('confirmedTitle').some((title) => declined.text.includes(title))).toBe(
      false,
    );
    expect(await stepState()).toBe('rejected');
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE action = 'domain_confirmation.declined'`,
    );
    expect(audit).toHaveLength(1);
    // The link is spent.
    expect((await decideByLink(t, token, 'approve')).status).toBe(404);

    const listed = await lead.get(page()).expect(200);
    expect(rows(listed.text)[IT]).toContain('declined');
    expect(listed.text).toMatch(/data-testid="dc-step-state">[^<]*(rejected|Rejected)/);

    const fields = hiddenFieldsOf(listed.text, page()) ?? {};
    expect(
      (
        await lead
          .post(page())
          .type('form')
          .send({ ...fields, recipients: IT })
      ).status,
    ).toBe(303);
    expect(await stepState()).toBe('open');
  });
});
