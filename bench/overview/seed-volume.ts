// Seeds the overview's volume straight into PostgreSQL with COPY: customers, engagements assigned
// to the demo account manager, onboardings of the standard template (plus optional extra steps up
// to STEPS_PER_ONBOARDING) at random stages, and their kept progress computed by the same
// function the portal keeps it with. Dependencies are respected: a step is done only if the steps
// it depends on are, open when they are, blocked otherwise.
import { computeProgress, derivePhase, PhaseStep, ProgressStep, StepState } from '@app/workflow';
import { EDR_MDR_ONBOARDING_V1 } from '@app/workflow/templates/edr-mdr-onboarding.v1';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { dueDate } from '@app/workflow/services/onboarding.service';
import { AGREEMENT_STEP_KEYS } from '@app/agreements/workflow-link';

const DAY = 86_400_000;

interface Seeded {
  onboardings: number;
  steps: number;
}

/** COPY text format: tab-separated, \N for null; our values hold no tabs, newlines or backslashes. */
function copyLine(values: (string | number | boolean | null)[]): string {
  return `${values.map((v) => (v === null ? '\\N' : String(v))).join('\t')}\n`;
}

async function copyRows(
  client: Client,
  table: string,
  columns: string[],
  rows: Iterable<string>,
): Promise<void> {
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(rows), sink);
}

function* stagedSteps(
  onboardingId: string,
  plannedStart: string,
  stage: number,
  extra: number,
): Generator<
  ProgressStep &
    PhaseStep & { id: string; type: string; area: string; dependsOn: string[]; waivable: boolean }
> {
  const done = new Set<string>();
  const template = EDR_MDR_ONBOARDING_V1.steps;
  for (const [position, d] of template.entries()) {
    const depsDone = d.dependsOn.every((k) => done.has(k));
    const state: StepState = depsDone && position < stage ? 'done' : depsDone ? 'open' : 'blocked';
    if (state === 'done') done.add(d.key);
    yield {
      id: randomUUID(),
      key: d.key,
      party: d.party,
      role: d.role,
      // Nothing is proposed in the seed: an approval with a proposer waits on it (waitedOn), unless
      // it is decided in an agreement (proposed there), as the keeper and the verification count.
      proposer:
        d.type === 'approval' && !(AGREEMENT_STEP_KEYS as readonly string[]).includes(d.key)
          ? (d.proposer ?? null)
          : null,
      proposal: 'none',
      phase: d.phase,
      state,
      requiredForStart: d.requiredForStart,
      dueAt: dueDate(plannedStart, d.dueOffsetDays),
      position,
      type: d.type,
      area: d.area,
      dependsOn: d.dependsOn,
      waivable: d.waivable,
    };
  }
  for (let i = 0; i < extra; i += 1) {
    yield {
      id: randomUUID(),
      key: `bench_extra_${i + 1}`,
      party: 'provider',
      role: 'provider_analyst',
      phase: 'production',
      state: 'open',
      requiredForStart: false,
      dueAt: dueDate(plannedStart, 7),
      position: template.length + i,
      type: 'task',
      area: 'operations',
      dependsOn: [],
      waivable: true,
    };
  }
}

export async function seedVolume(
  databaseUrl: string,
  onboardings: number,
  stepsPerOnboarding: number,
): Promise<Seeded> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ provider_id: providerId }] = (
      await client.query(
        `SELECT id AS provider_id FROM organisation WHERE kind = 'provider' AND name = 'Example MDR'`,
      )
    ).rows;
    const [{ am_id: accountManagerId }] = (
      await client.query(`SELECT id AS am_id FROM app_user WHERE email = 'am@mdr.example'`)
    ).rows;
    const extra = Math.max(0, stepsPerOnboarding - EDR_MDR_ONBOARDING_V1.steps.length);
    const customers = Array.from({ length: onboardings }, (_, i) => ({
      id: randomUUID(),
      engagement: randomUUID(),
      onboarding: randomUUID(),
      n: i + 1,
    }));
    await client.query('BEGIN');
    await copyRows(
      client,
      'organisation',
      ['id', 'kind', 'name', 'language', 'email_domains'],
      customers.map((c) =>
        copyLine([
          c.id,
          'customer',
          `Bench Customer ${String(c.n).padStart(5, '0')}`,
          ['ja', 'en', 'zh'][c.n % 3],
          `{bench${c.n}.example}`,
        ]),
      ),
    );
    await copyRows(
      client,
      'engagement',
      ['id', 'customer_organisation_id', 'provider_organisation_id', 'name', 'status'],
      customers.map((c) =>
        copyLine([c.engagement, c.id, providerId, `Bench Customer ${c.n} MDR`, 'onboarding']),
      ),
    );
    await copyRows(
      client,
      'engagement_assignment',
      ['engagement_id', 'user_id'],
      customers.map((c) => copyLine([c.engagement, accountManagerId])),
    );
    const onboardingLines: string[] = [];
    const stepLines: string[] = [];
    const progressLines: string[] = [];
    const now = Date.now();
    for (const c of customers) {
      const plannedStart = new Date(now + (((c.n * 7919) % 210) - 30) * DAY)
        .toISOString()
        .slice(0, 10);
      const stage = (c.n * 31) % (EDR_MDR_ONBOARDING_V1.steps.length + 1);
      const steps = [...stagedSteps(c.onboarding, plannedStart, stage, extra)];
      const figures = computeProgress(steps);
      const phase = derivePhase(steps);
      onboardingLines.push(
        copyLine([
          c.onboarding,
          c.engagement,
          EDR_MDR_ONBOARDING_V1.key,
          EDR_MDR_ONBOARDING_V1.version,
          plannedStart,
          'in_progress',
          phase,
          1,
        ]),
      );
      for (const s of steps) {
        stepLines.push(
          copyLine([
            s.id,
            c.onboarding,
            s.key,
            s.position,
            s.type,
            s.party,
            s.role,
            s.phase,
            s.area,
            `{${s.dependsOn.join(',')}}`,
            s.requiredForStart,
            s.waivable,
            s.dueAt.toISOString(),
            s.state,
          ]),
        );
      }
      progressLines.push(
        copyLine([
          c.onboarding,
          c.engagement,
          c.id,
          providerId,
          'in_progress',
          phase,
          new Date(now - (c.n % 40) * DAY).toISOString(),
          plannedStart,
          figures.stepsTotal,
          figures.requiredTotal,
          figures.requiredDone,
          figures.percentDone,
          figures.waitingOnCustomer,
          figures.waitingOnProvider,
          figures.nextDueAt?.toISOString() ?? null,
          JSON.stringify(figures.blockers),
        ]),
      );
    }
    await copyRows(
      client,
      'onboarding',
      [
        'id',
        'engagement_id',
        'template_key',
        'template_version',
        'planned_start_date',
        'status',
        'current_phase',
        'sequence',
      ],
      onboardingLines,
    );
    await copyRows(
      client,
      'onboarding_step',
      [
        'id',
        'onboarding_id',
        'key',
        'position',
        'type',
        'party',
        'role',
        'phase',
        'area',
        'depends_on',
        'required_for_start',
        'waivable',
        'due_at',
        'state',
      ],
      stepLines,
    );
    await copyRows(
      client,
      'onboarding_progress',
      [
        'onboarding_id',
        'engagement_id',
        'customer_organisation_id',
        'provider_organisation_id',
        'status',
        'phase',
        'phase_entered_at',
        'planned_start_date',
        'steps_total',
        'required_total',
        'required_done',
        'percent_done',
        'waiting_on_customer',
        'waiting_on_provider',
        'next_due_at',
        'blockers',
      ],
      progressLines,
    );
    await client.query('COMMIT');
    // As autovacuum leaves a live database: statistics and the visibility map (index-only counts).
    await client.query('VACUUM ANALYZE');
    return { onboardings, steps: stepLines.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
