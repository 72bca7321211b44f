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

const SERVICES = [
  EndpointImportService,
  EndpointQueryService,
  EndpointClassificationService,
  EndpointDecisionService,
  SecurityProductsService,
];

/**
 * The endpoint inventory (CSV import, listing), its classification against the EDR product's
 * support matrix, decisions on unsupported endpoints (and the `unsupported_os_decisions`
 * check), and the plans for the security products already installed.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Endpoint, EndpointDecision, EndpointDecisionEndpoint, SecurityProductPlan]),
    IdentityModule,
    WorkflowModule,
    ClockModule,
  ],
  providers: [...SERVICES, DecisionCheckRegistration],
  exports: SERVICES,
})
export class RolloutInventoryModule {}

/** For the worker (and the embedded API): the nightly refresh of classifications and checks. */
@Module({
  imports: [RolloutInventoryModule, NotifyWorkerModule, BullModule.registerQueue({ name: MAIL_QUEUE })],
  providers: [ClassificationRefreshHandler],
})
export class RolloutInventoryWorkerModule {}
