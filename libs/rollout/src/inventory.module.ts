import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { ClockModule } from '@app/platform';
import { WorkflowModule } from '@app/workflow';
import { SecurityProductPlan } from './coexistence/security-product-plan.entity';
import { SecurityProductsService } from './coexistence/security-products.service';
import { Endpoint } from './inventory/endpoint.entity';
import { EndpointQueryService } from './inventory/endpoint-query.service';
import { EndpointImportService } from './inventory/import/endpoint-import.service';
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
    TypeOrmModule.forFeature([Endpoint, EndpointDecision, EndpointDecisionEndpoint, SecurityProductPlan]),
    IdentityModule,
    WorkflowModule,
    ClockModule,
  ],
  providers: [...SERVICES, InventorySnapshotsRegistrar],
  exports: SERVICES,
})
export class RolloutInventoryModule {}
