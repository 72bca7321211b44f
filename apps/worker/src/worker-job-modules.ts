import { DomainConfirmationWorkerModule, SignaturesWorkerModule } from '@app/authorisation';
import { ConversationsWorkerModule, NotificationsWorkerModule } from '@app/collaboration';
import { IdentityWorkerModule } from '@app/identity/notifications/identity-worker.module';
import { IncidentsWorkerModule } from '@app/incidents';
import { NotifyWorkerModule } from '@app/notify';
import { ProofWorkerModule } from '@app/proof';
import {
  ProtectionWorkerModule,
  RolloutInventoryWorkerModule,
  RolloutPlanningWorkerModule,
} from '@app/rollout';
import { WorkflowWorkerModule } from '@app/workflow';

/**
 * The outbox relay and every job handler: what the worker process runs, and what the API
 * process hosts itself in embedded mode. One list, so the two cannot drift apart.
 */
export const WORKER_JOB_MODULES = [
  NotifyWorkerModule,
  IdentityWorkerModule,
  WorkflowWorkerModule,
  ProtectionWorkerModule,
  RolloutPlanningWorkerModule,
  RolloutInventoryWorkerModule,
  SignaturesWorkerModule,
  DomainConfirmationWorkerModule,
  IncidentsWorkerModule,
  ConversationsWorkerModule,
  ProofWorkerModule,
  NotificationsWorkerModule,
];
