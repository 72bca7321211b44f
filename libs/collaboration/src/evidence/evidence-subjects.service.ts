import { Injectable } from '@nestjs/common';
import type {
  EvidenceSubject,
  EvidenceSubjectKind,
  EvidenceSubjectRef,
  EvidenceVisibility,
} from '@app/evidence';
import { readsInternalEvidence } from '@app/evidence';
import { AccessScope, can, Engagement, EngagementService } from '@app/identity';
import { Incident } from '@app/incidents';
import { ForbiddenException, NotFoundException, TransactionRunner } from '@app/platform';
import { OnboardingAccess, StepCompletion } from '@app/workflow';
import { EntityManager } from 'typeorm';

/** A step or an incident found through the reader's scope, before a visibility is chosen. */
export interface EvidencePlace {
  kind: Extract<EvidenceSubjectKind, 'onboarding_step' | 'incident'>;
  id: string;
  engagement: Engagement;
  /** Provider staff attach internal files unless they say otherwise here; customers always shared. */
  defaultVisibility: EvidenceVisibility;
}

/**
 * The store's own subjects, reached through the reader's scope (another tenant's, or an unknown
 * id, answers 404): an onboarding step (files shared by default) and an incident (internal by
 * default for the provider's staff, as its comments are).
 */
@Injectable()
export class EvidenceSubjects {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly onboardings: OnboardingAccess,
    private readonly engagements: EngagementService,
  ) {}

  async step(
    scope: AccessScope,
    onboardingId: string,
    stepKey: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<EvidencePlace> {
    const { onboarding, engagement } = await this.onboardings.load(scope, manager, onboardingId);
    const step = (await this.onboardings.steps(manager, onboarding.id)).find(
      (s) => s.key === stepKey,
    );
    if (!step) throw new NotFoundException('Step');
    return { kind: 'onboarding_step', id: step.id, engagement, defaultVisibility: 'shared' };
  }

  /**
   * The task completions of a step reached with `step` (the files a completion carried are
   * subjects of their own, `step_completion`), oldest first, for reading them with the step's.
   */
  async stepCompletions(
    onboardingId: string,
    stepKey: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<EvidenceSubjectRef[]> {
    const completions = await manager.getRepository(StepCompletion).find({
      where: { onboardingId, stepKey },
      select: { id: true },
      order: { completedAt: 'ASC', id: 'ASC' },
    });
    return completions.map((c) => ({ kind: 'step_completion', id: c.id }));
  }

  async incident(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<EvidencePlace> {
    const engagement = await this.engagements.get(scope, engagementId, manager);
    const incident = await manager
      .getRepository(Incident)
      .findOneBy({ id: incidentId, engagementId: engagement.id });
    if (!incident) throw new NotFoundException('Incident');
    return { kind: 'incident', id: incident.id, engagement, defaultVisibility: 'internal' };
  }

  /**
   * The subject a file is attached to with the visibility asked for: the provider's side may
   * choose (else the place's default); a customer's file is always shared, and asking for
   * internal is refused (403).
   */
  subjectFor(
    scope: AccessScope,
    place: EvidencePlace,
    requested?: EvidenceVisibility,
  ): EvidenceSubject {
    const internalAllowed = readsInternalEvidence(scope, place.engagement);
    if (requested === 'internal' && !internalAllowed)
      throw new ForbiddenException("Only the provider's staff attach internal files");
    if (!can(scope, 'evidence.attach', place.engagement))
      throw new ForbiddenException('You may not attach files here');
    return {
      kind: place.kind,
      id: place.id,
      engagementId: place.engagement.id,
      customerOrganisationId: place.engagement.customerOrganisationId,
      providerOrganisationId: place.engagement.providerOrganisationId,
      visibility: requested ?? (internalAllowed ? place.defaultVisibility : 'shared'),
    };
  }
}
