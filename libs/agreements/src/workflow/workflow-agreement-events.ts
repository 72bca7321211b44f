import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '@app/access';
import { ExternalStepEvents, PlanSnapshots, StepEvidenceRegistry } from '@app/workflow';
import type { EntityManager } from 'typeorm';
import { AgreementEvents } from '../services/agreement-events';
import {
  AGREEMENT_STEP_KEYS,
  AgreementWorkflowLink,
  PROVIDER_REQUIREMENTS_CHECK,
} from '../workflow-link';

/** The roll-out approval that reads the agreement (rollout registers its snapshot). */
const MIGRATION_PLAN_STEP = 'migration_plan';

const DECIDED_IN: Record<(typeof AGREEMENT_STEP_KEYS)[number], string> = {
  service_agreement: 'the service agreement',
  communication_language: 'the service agreement (its language section)',
  peacetime_runbook: 'the peacetime runbook',
  incident_runbook: 'the incident runbook',
};

/**
 * Binds agreements to the onboarding workflow: the agreement, runbook and language steps are
 * decided by approving document versions, and the provider-requirements check is the catalogue
 * check. Every call runs in the agreement change's transaction, so a step that may not move yet
 * (still blocked) refuses the approval as a whole.
 */
@Injectable()
export class WorkflowAgreementEvents extends AgreementEvents implements OnModuleInit {
  constructor(
    private readonly steps: ExternalStepEvents,
    private readonly registry: StepEvidenceRegistry,
    private readonly link: AgreementWorkflowLink,
    private readonly snapshots: PlanSnapshots,
  ) {
    super();
  }

  onModuleInit(): void {
    for (const key of AGREEMENT_STEP_KEYS) this.registry.decideElsewhere(key, DECIDED_IN[key]);
    this.registry.registerCheck(PROVIDER_REQUIREMENTS_CHECK, (manager, onboarding, language) =>
      this.link.catalogueMismatches(manager, onboarding.engagementId, language),
    );
  }

  override async versionProposed(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    stepKeys: string[],
    hash: string,
  ): Promise<void> {
    for (const key of stepKeys) await this.steps.proposed(manager, actor, engagementId, key, hash);
    await this.steps.checksChanged(manager, actor, engagementId);
  }

  override async catalogueChanged(
    manager: EntityManager,
    actor: Actor,
    providerOrganisationId: string,
  ): Promise<void> {
    const engagements: { id: string }[] = await manager.query(
      'SELECT id FROM engagement WHERE provider_organisation_id = $1 ORDER BY id',
      [providerOrganisationId],
    );
    for (const { id } of engagements) await this.steps.checksChanged(manager, actor, id);
  }

  override async versionApproved(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    stepKeys: string[],
    hash: string,
  ): Promise<void> {
    for (const key of stepKeys) await this.steps.approved(manager, actor, engagementId, key, hash);
    // The approved agreement's minimum tuning period is part of the migration plan's snapshot.
    await this.snapshots.changed(manager, actor, engagementId, [MIGRATION_PLAN_STEP]);
  }

  override async versionRejected(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    stepKeys: string[],
    _hash: string,
    reason: string,
  ): Promise<void> {
    for (const key of stepKeys)
      await this.steps.rejected(manager, actor, engagementId, key, reason);
  }
}
