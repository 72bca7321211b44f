import { Injectable } from '@nestjs/common';
import { Engagement } from '@app/identity';
import { Clock } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Onboarding } from '../entities/onboarding.entity';
import { newestProposalStatuses } from '../proposals/newest-proposal-status';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { TemplateRegistry } from '../services/template-registry';
import { computeProgress, ProgressStep } from './compute-progress';
import { OnboardingProgress } from './onboarding-progress.entity';

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
    const repository = manager.getRepository(OnboardingProgress);
    const existing = await repository.findOne({
      where: { onboardingId: onboarding.id },
      select: { onboardingId: true, phase: true, phaseEnteredAt: true },
    });
    const now = this.clock.now();
    await repository.upsert(
      {
        onboardingId: onboarding.id,
        engagementId: engagement.id,
        customerOrganisationId: engagement.customerOrganisationId,
        providerOrganisationId: engagement.providerOrganisationId,
        status: onboarding.status,
        plannedStartDate: onboarding.plannedStartDate,
        ...figures,
        phase: onboarding.currentPhase,
        phaseEnteredAt:
          existing && existing.phase === onboarding.currentPhase ? existing.phaseEnteredAt : now,
        updatedAt: now,
      },
      ['onboardingId'],
    );
  }
}
