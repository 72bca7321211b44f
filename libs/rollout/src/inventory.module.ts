import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { ClockModule } from '@app/platform';
import { WorkflowModule } from '@app/workflow';
import { MAIL_QUEUE, NotifyWorkerModule } from '@app/notify';
import { SecurityProductPlan } from './coexistence/security-product-plan.entity';
import { SecurityProductsService } from './coexistence/security-products.service';
import { Endpoint } from './inventory/endpoint.entity';
import { EndpointQueryService } from './inventory/endpoint-query.service';
import { EndpointImportService } from './inventory/import/endpoint-import.service';
import { ClassificationRefreshHandler } from './support/classification-refresh';
import { DecisionCheckRegistration } from './support/decision-check.registration';
import { EndpointClassificationService } from './support/endpoint-classification.service';
import { EndpointDecision, EndpointDecisionEndpoint } from './support/endpoint-decision.entity';
import { EndpointDecisionService } from './support/endpoint-decision.service';
import { InventorySnapshotsRegistrar } from './snapshots/snapshot-registrars';

const SERVICES = [
  EndpointImportService,
  EndpointQueryService,
  EndpointClassificationService,
  EndpointDecisionService,
  SecurityProductsService,
];

/**
 * The endpoint inventory (CSV import, listing), its classification against the EDR product's
 * support matrix, decisions on unsupported endpoints, and the plans for the security products
 * already installed, with the snapshots their approvals (`unsupported_os_decisions`,
 * `existing_av_plan`) bind to.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Endpoint,
      EndpointDecision,
      EndpointDecisionEndpoint,
      SecurityProductPlan,
    ]),
    IdentityModule,
    WorkflowModule,
    ClockModule,
  ],
  // The decisions check stays registered for onboardings of template v1 (v2 approves a snapshot).
  providers: [...SERVICES, DecisionCheckRegistration, InventorySnapshotsRegistrar],
  exports: SERVICES,
})
export class RolloutInventoryModule {}

/** For the worker (and the embedded API): the nightly refresh of classifications and checks. */
@Module({
  imports: [
    RolloutInventoryModule,
    NotifyWorkerModule,
    BullModule.registerQueue({ name: MAIL_QUEUE }),
  ],
  providers: [ClassificationRefreshHandler],
})
export class RolloutInventoryWorkerModule {}
