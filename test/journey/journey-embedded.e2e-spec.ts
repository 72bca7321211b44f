// date-sensitive: the tuning period is lived through on the business clock (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { EmbeddedPortal } from './support/embedded-env';
import { walkIncident } from './support/incident-walk';
import { LEAD, StepJson, walkSakuraOnboarding, WalkedOnboarding } from './support/onboarding-walk';

const PASSWORD = 'Sakura-journey-2026-orchid';

/*
 * The same journey through the booted embedded process, as `npm start` runs it for a new user:
 * PGlite in its own DATA_DIR, jobs and mail in the same process, the dev mailbox as everyone's
 * inbox; weeks pass by stopping the portal and starting it again, its clock that much later.
 */
describe('journey, embedded mode (the booted process): onboarding to the service start, then an incident', () => {
  const portal = new EmbeddedPortal(PASSWORD);
  const lines: string[] = [];
  let walked: WalkedOnboarding;

  beforeAll(() => portal.start(), 180_000);
  afterAll(async () => {
    if (portal.portal && lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    await portal.dispose();
  });

  it('walks every step of the standard template as the role it names, mails read from the dev mailbox, to the 201 start', async () => {
    try {
      walked = await walkSakuraOnboarding(portal.env((line) => lines.push(line)));
    } catch (error) {
      console.error(
        `journey so far:\n${lines.join('\n')}\nportal output:\n${portal.portal?.output().slice(-4000) ?? ''}`,
      );
      throw error;
    }
    const detail = await portal.client.ok<{ status: string; steps: StepJson[] }>(
      LEAD,
      'GET',
      `/api/onboardings/${walked.onboardingId}`,
    );
    expect(detail.status).toBe('active');
    expect(
      detail.steps.filter((s) => s.requiredForStart && s.state !== 'done').map((s) => s.key),
    ).toEqual([]);
  }, 1_200_000);

  it('handles an incident to its closure; the customer approves the isolation by the mailed link', async () => {
    const incident = await walkIncident(
      portal.env((line) => lines.push(line)),
      walked.engagementId,
    );
    expect(incident.reportHtml).toContain('Only one host was involved; nothing else to do here');
    expect(incident.reportPdf.contentType).toBe('application/pdf');
  }, 300_000);
});
