import { PeacetimeScheduler, PeacetimeTask, schedulerId } from '@app/incidents';
import { JobHandlerRegistry } from '@app/notify';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { IncidentHarness, until } from './support/incident-harness';

/*
 * The approved peacetime runbook's scheduled activities (the default runbook: daily, weekly,
 * monthly and quarterly ones) become BullMQ job schedulers when the service starts; each run
 * creates the period's task once.
 */
describe('peacetime: scheduled runbook activities become tasks, once per period', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: IncidentHarness;
  let engagementId: string;
  let scheduled: { key: string; frequency: string }[];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    h = new IncidentHarness(t, sink);
    engagementId = await h.engagementId();
    await h.startSakuraService(engagementId);
    const rows: { content: { steps: { key: string; schedule?: { frequency: string } }[] } }[] =
      await t.dataSource.query(
        `SELECT content FROM engagement_document_version WHERE engagement_id = $1 AND kind = 'peacetime_runbook' AND status = 'approved' ORDER BY version DESC LIMIT 1`,
        [engagementId],
      );
    scheduled = rows[0].content.steps
      .filter((s) => s.schedule)
      .map((s) => ({ key: s.key, frequency: s.schedule?.frequency ?? '' }));
  }, 240_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
    await sink?.stop();
  });

  const mySchedulers = async () =>
    (await h.queue.getJobSchedulers(0, -1)).filter((s) =>
      s.key.startsWith(`peacetime:${engagementId}:`),
    );
  const tasks = (stepKey: string) =>
    t.dataSource.getRepository(PeacetimeTask).findBy({ engagementId, stepKey });

  it('registers one scheduler per scheduled activity at the service start; upserting again keeps one each', async () => {
    expect(scheduled.length).toBeGreaterThan(0);
    const registered = await until('the schedulers of the started service', async () => {
      const found = await mySchedulers();
      return found.length === scheduled.length ? found : undefined;
    });
    expect(registered.map((s) => s.key).sort()).toEqual(
      scheduled.map((s) => schedulerId(engagementId, s.key)).sort(),
    );
    const scheduler = t.worker?.get(PeacetimeScheduler);
    if (!scheduler) throw new Error('no worker');
    await scheduler.sync(engagementId);
    await scheduler.sync(engagementId);
    const after = await mySchedulers();
    expect(after).toHaveLength(scheduled.length);
    const daily = after.find(
      (s) =>
        s.key ===
        schedulerId(engagementId, scheduled.find((x) => x.frequency === 'daily')?.key ?? ''),
    );
    expect(daily?.pattern).toBe('0 0 * * *');
    expect(daily?.tz).toBe('Asia/Tokyo');
  });

  it('a run creates the period task once, however often it runs (twice, or two workers at once); the next period gets its own', async () => {
    const step = scheduled.find((s) => s.frequency === 'weekly');
    if (!step) throw new Error('the default peacetime runbook has a weekly activity');
    const handler = t.worker?.get(JobHandlerRegistry).handlerFor('peacetime-activity');
    if (!handler) throw new Error('no handler');
    // Wednesday 4 December 2030, 12:00 in Tokyo: the week began Monday 2 December, 00:00 JST.
    h.travel(new Date('2030-12-04T03:00:00Z'));
    await handler.handle('run-1', { engagementId, stepKey: step.key });
    await handler.handle('run-2', { engagementId, stepKey: step.key });
    await Promise.all([
      handler.handle('run-3', { engagementId, stepKey: step.key }),
      handler.handle('run-4', { engagementId, stepKey: step.key }),
    ]);
    const once = await tasks(step.key);
    expect(once).toHaveLength(1);
    expect(once[0].periodStart.toISOString()).toBe('2030-12-01T15:00:00.000Z');
    h.travel(new Date('2030-12-11T03:00:00Z'));
    await handler.handle('run-5', { engagementId, stepKey: step.key });
    expect((await tasks(step.key)).map((x) => x.periodStart.toISOString()).sort()).toEqual([
      '2030-12-01T15:00:00.000Z',
      '2030-12-08T15:00:00.000Z',
    ]);
  });

  it("the scheduler's own job runs through the worker and creates the task", async () => {
    const step = scheduled.find((s) => s.frequency === 'monthly') ?? scheduled[0];
    h.travel(new Date('2030-12-04T03:00:00Z'));
    const before = (await tasks(step.key)).length;
    const job = await until('the scheduled job', async () =>
      (await h.queue.getJobs(['delayed', 'wait'])).find(
        (j) =>
          j.name === 'peacetime-activity' && (j.data as { stepKey: string }).stepKey === step.key,
      ),
    );
    if ((await job.getState()) === 'delayed') await job.promote();
    await until('the task of the period', async () =>
      (await tasks(step.key)).length === before + 1 ? true : undefined,
    );
  });

  it('lists the tasks to both parties, completes them once, and hides them from another tenant', async () => {
    const path = `/api/engagements/${engagementId}/peacetime-tasks`;
    const list = await h.call('security@sakura.example', 'get', path);
    expect(list.status).toBe(200);
    const providerTask = (list.body.items as { id: string; owner: { party: string } }[]).find(
      (x) => x.owner.party === 'provider',
    );
    if (!providerTask) throw new Error('no provider task');
    expect(
      (await h.call('security@sakura.example', 'post', `${path}/${providerTask.id}/complete`))
        .status,
    ).toBe(403);
    const done = await h.call('analyst@mdr.example', 'post', `${path}/${providerTask.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    expect(
      (await h.call('analyst@mdr.example', 'post', `${path}/${providerTask.id}/complete`)).status,
    ).toBe(409);
    expect((await h.call('security@northwind.example', 'get', path)).status).toBe(404);
    expect(
      (await h.call('security@northwind.example', 'post', `${path}/${providerTask.id}/complete`))
        .status,
    ).toBe(404);
  });
});
