import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/access';
import type { EntityManager } from 'typeorm';

/**
 * What the agreements lib tells the rest of the system, always inside the transaction of the
 * change (so a failure here rolls the change back). This default does nothing; the workflow
 * integration provides a subclass (see `AgreementsModule.withEvents`) that opens, approves or
 * stales the steps named in `stepKeys`.
 *
 * Step keys: `service_agreement` (+ `communication_language` for the agreement's language
 * section, announced only when that section's hash changed), `peacetime_runbook`,
 * `incident_runbook`. `hash` is the SHA-256 the approval binds to (see workflow-link.ts).
 */
@Injectable()
export class AgreementEvents {
  async versionProposed(
    _manager: EntityManager,
    _actor: Actor,
    _engagementId: string,
    _stepKeys: string[],
    _hash: string,
  ): Promise<void> {}

  async versionApproved(
    _manager: EntityManager,
    _actor: Actor,
    _engagementId: string,
    _stepKeys: string[],
    _hash: string,
  ): Promise<void> {}

  /** The provider's service catalogue changed: what its engagements' agreements need is re-checked. */
  async catalogueChanged(
    _manager: EntityManager,
    _actor: Actor,
    _providerOrganisationId: string,
  ): Promise<void> {}

  /** The customer rejected the proposed version (`hash`) with `reason`. */
  async versionRejected(
    _manager: EntityManager,
    _actor: Actor,
    _engagementId: string,
    _stepKeys: string[],
    _hash: string,
    _reason: string,
  ): Promise<void> {}
}
