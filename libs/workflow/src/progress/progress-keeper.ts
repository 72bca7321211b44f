import { Injectable } from '@nestjs/common';
import { Engagement } from '@app/identity';
import { Clock } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Onboarding } from '../entities/onboarding.entity';
import { newestProposalStatuses } from '../proposals/newest-proposal-status';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { TemplateRegistry } from '../services/template-registry';
import { computeProgress, ProgressStep } from './compute-progress';

/**
 * Writes an onboarding's overview figures in the transaction that changed its steps or status.
 * Every write path (creation, StepTransitions, the service start, a proposal made or outdated:
 * who is waited on follows it) calls `keep`, and
 * `ProgressVerification` proves the kept rows equal a fresh aggregate of the steps.
 */
@Injectable()
export class ProgressKeeper {
  constructor(
    private readonly clock: Clock,
    private readonly templates: TemplateRegistry,
    private readonly evidence: StepEvidenceRegistry,
  ) {}

  async keep(
    manager: EntityManager,
    onboarding: Onboarding,
    engagement: Engagement,
    steps: readonly ProgressStep[],
  ): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Onboarding progress must be kept inside the transaction of the change');
    }
    // An approval awaiting a (new) proposal waits on its proposer: its template and newest proposal.
    const template = this.templates.get(onboarding.templateKey, onboarding.templateVersion);
    // A step decided through another feature is proposed there: it waits on its own party.
    const proposers = new Map(
      template.steps.map((s) => [
        s.key,
        this.evidence.decidedIn(s.key) ? null : (s.proposer ?? null),
      ]),
    );
    const proposals = await newestProposalStatuses(manager, onboarding.id);
    const figures = computeProgress(
      steps.map((s) => ({
        ...s,
        proposer: proposers.get(s.key) ?? null,
        proposal: proposals.get(s.key) ?? 'none',
      })),
    );
    const now = this.clock.now();
    // One statement: the phase keeps the moment it was entered unless it changed (compared with
    // the kept row in ON CONFLICT, no read before the write).
    await manager.query(
      `INSERT INTO onboarding_progress (onboarding_id, engagement_id, customer_organisation_id,
         provider_organisation_id, status, planned_start_date, steps_total, required_total,
         required_done, percent_done, waiting_on_customer, waiting_on_provider, next_due_at,
         blockers, phase, phase_entered_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
       ON CONFLICT (onboarding_id) DO UPDATE SET
         engagement_id = EXCLUDED.engagement_id,
         customer_organisation_id = EXCLUDED.customer_organisation_id,
         provider_organisation_id = EXCLUDED.provider_organisation_id,
         status = EXCLUDED.status,
         planned_start_date = EXCLUDED.planned_start_date,
         steps_total = EXCLUDED.steps_total,
         required_total = EXCLUDED.required_total,
         required_done = EXCLUDED.required_done,
         percent_done = EXCLUDED.percent_done,
         waiting_on_customer = EXCLUDED.waiting_on_customer,
         waiting_on_provider = EXCLUDED.waiting_on_provider,
         next_due_at = EXCLUDED.next_due_at,
         blockers = EXCLUDED.blockers,
         phase_entered_at = CASE WHEN onboarding_progress.phase = EXCLUDED.phase
                                 THEN onboarding_progress.phase_entered_at
                                 ELSE EXCLUDED.phase_entered_at END,
         phase = EXCLUDED.phase,
         updated_at = EXCLUDED.updated_at`,
      [
        onboarding.id,
        engagement.id,
        engagement.customerOrganisationId,
        engagement.providerOrganisationId,
        onboarding.status,
        onboarding.plannedStartDate,
        figures.stepsTotal,
        figures.requiredTotal,
        figures.requiredDone,
        figures.percentDone,
        figures.waitingOnCustomer,
        figures.waitingOnProvider,
        figures.nextDueAt,
        JSON.stringify(figures.blockers),
        onboarding.currentPhase,
        now,
      ],
    );
  }
}
