import { AGREEMENTS_ENTITIES } from '@app/agreements/entities';
import { AUDIT_ENTITIES } from '@app/audit';
import { COLLABORATION_ENTITIES } from '@app/collaboration/entities';
import { PROOF_ENTITIES } from '@app/proof/entities';
import { SIGNATURE_ENTITIES } from '@app/authorisation/entities';
import { EVIDENCE_ENTITIES } from '@app/evidence/evidence-attachment.entity';
import { DOMAIN_CONFIRMATION_ENTITIES } from '@app/authorisation/domain-confirmation/entities';
import { IDENTITY_ENTITIES } from '@app/identity/entities';
import { INCIDENT_ENTITIES } from '@app/incidents/entities';
import { NOTIFY_ENTITIES } from '@app/notify';
import type { SchemaParts } from '@app/platform';
import { PLATFORM_ENTITIES } from '@app/platform/rate-limit/rate-limit-hit.entity';
import { WORKFLOW_ENTITIES } from '@app/workflow/entities';
import { ROLLOUT_ENTITIES } from '@app/rollout/entities';
import { MIGRATIONS } from './index';

/** The whole schema: every entity of every lib and the migrations that create them. */
export const SCHEMA: SchemaParts = {
  entities: [
    ...PLATFORM_ENTITIES,
    ...IDENTITY_ENTITIES,
    ...AUDIT_ENTITIES,
    ...PROOF_ENTITIES,
    ...EVIDENCE_ENTITIES,
    ...NOTIFY_ENTITIES,
    ...WORKFLOW_ENTITIES,
    ...AGREEMENTS_ENTITIES,
    ...ROLLOUT_ENTITIES,
    ...SIGNATURE_ENTITIES,
    ...DOMAIN_CONFIRMATION_ENTITIES,
    ...INCIDENT_ENTITIES,
    ...COLLABORATION_ENTITIES,
  ],
  migrations: MIGRATIONS,
};
