// date-sensitive: the tuning period is lived through on the business clock (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { Clock } from '@app/platform';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { listenOnLoopback } from '../support/raw-http';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { BrowserMoments } from './support/browser-moments';
import { walkIncident } from './support/incident-walk';
import { JourneyClient } from './support/journey-client';
import { SinkMail } from './support/mail-readers';
import {
  IT_JP,
  JourneyEnv,
  LEAD,
  SECURITY,
  StepJson,
  walkSakuraOnboarding,
  WalkedOnboarding,
} from './support/onboarding-walk';

const DAY = 86_400_000;

/*
 * The product as a customer buys it, in server mode (PostgreSQL, Redis, a worker, real SMTP on
 * loopback): Sakura's whole onboarding of the standard template, every step done by the person it
 * names through what the step really is, to the 201 service start; then an incident handled as
 * agreed, to its closure report. The security lead's moments happen in Chromium: approving the
 * group design on its page, signing the letter, answering the mailed links.
 */
describe('journey, server mode: onboarding to the service start, then an incident to its closure', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let moments: BrowserMoments;
  let env: JourneyEnv;
  let walked: WalkedOnboarding;
  const lines: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    const port = await listenOnLoopback(t);
    const baseUrl = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
    moments = new BrowserMoments(browser, baseUrl, TEST_PASSWORD);
    const clocks = [t.app.get(Clock), t.worker!.get(Clock)];
    env = {
      client: new JourneyClient(baseUrl, TEST_PASSWORD),
      mail: new SinkMail(sink),
      now: () => t.app.get(Clock).now(),
      advanceDays: async (days) =>
        clocks.forEach((clock) => clock.travelTo(new Date(clock.nowMs() + days * DAY))),
      moments,
      say: (line) => lines.push(line),
    };
  }, 120_000);

  afterAll(async () => {
    await moments?.close();
    await browser?.close();
    await t?.close();
    await sink?.stop();
  });

  it('walks every step of the standard template as the role it names, with no waiver, to the 201 start', async () => {
    walked = await walkSakuraOnboarding(env);
    const detail = await env.client.ok<{
      status: string;
      steps: (StepJson & { requiredForStart: boolean })[];
    }>(LEAD, 'GET', `/api/onboardings/${walked.onboardingId}`);
    expect(detail.status).toBe('active');
    const required = detail.steps.filter((s) => s.requiredForStart);
    // Every required step is done (none waived), and the walk did each one as its own role.
    expect(required.filter((s) => s.state !== 'done').map((s) => `${s.key}: ${s.state}`)).toEqual(
      [],
    );
    expect(required.map((s) => s.key).filter((key) => walked.doneBy[key] === undefined)).toEqual(
      [],
    );
    const roleOf: Record<string, string> = {
      [LEAD]: 'provider:provider_lead',
      'analyst@mdr.example': 'provider:provider_analyst',
      [SECURITY]: 'customer:customer_security_lead',
      [IT_JP]: 'customer:customer_it',
    };
    for (const step of required) {
      const who = walked.doneBy[step.key];
      if (who !== 'automatic')
        expect(`${step.key} by ${roleOf[who]}`).toBe(`${step.key} by ${step.party}:${step.role}`);
    }
    // The customer's moments happened in the browser, each page kept as a screenshot.
    expect(moments.seen.map((s) => s.split(':')[0])).toEqual(
      expect.arrayContaining([
        'journey-approve-group_policy_design',
        'journey-sign-letter',
        'journey-confirm-domain',
      ]),
    );
  }, 900_000);

  it('handles an incident as agreed: the customer approves the isolation by the mailed link; every task settled before the close', async () => {
    const incident = await walkIncident(env, walked.engagementId);
    expect(incident.reportHtml).toContain('Only one host was involved; nothing else to do here');
    expect(incident.reportPdf.contentType).toBe('application/pdf');
    const detail = await env.client.ok<{
      status: string;
      actions: { action: string; status: string; decidedVia: string }[];
    }>(SECURITY, 'GET', `/api/engagements/${walked.engagementId}/incidents/${incident.incidentId}`);
    expect(detail.status).toBe('closed');
    expect(detail.actions.find((a) => a.action === 'isolate_host')).toMatchObject({
      status: 'executed',
      decidedVia: 'link',
    });
    expect(moments.seen.some((s) => s.startsWith('journey-approve-isolation'))).toBe(true);
  }, 300_000);
});
