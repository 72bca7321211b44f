import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { NotifyModule, NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { WorkflowModule } from '@app/workflow';
import { DeploymentConditionsRegistration } from './deployment/deployment-conditions.registration';
import { SensorDeploymentService } from './deployment/sensor-deployment.service';
import { ROLLOUT_ENTITIES } from './entities';
import { GroupsService } from './groups/groups.service';
import {
  ModeSwitchDecidedHandler,
  ModeSwitchRequestedHandler,
} from './phases/mode-switch-mail.handlers';
import { ModeSwitchService } from './phases/mode-switch.service';
import { TuningCompletionRegistration } from './phases/tuning-completion.registration';
import { TuningLogService } from './phases/tuning-log.service';
import { PlanningAccess } from './planning/planning-access';
import { PlanningCheckResults } from './planning/planning-check-results.service';
import { PlanningChecksRegistrar } from './planning/planning-checks.registrar';
import {
  QuarantiningProducts,
  PlannedQuarantiningProducts,
} from './planning/quarantining-products';
import { PlanningSnapshotsRegistrar } from './snapshots/snapshot-registrars';
import { SiteBandwidthService } from './waves/site-bandwidth.service';
import { WavesService } from './waves/waves.service';

const SERVICES = [
  PlanningAccess,
  PlanningCheckResults,
  GroupsService,
  SiteBandwidthService,
  WavesService,
  TuningLogService,
  ModeSwitchService,
  SensorDeploymentService,
];

export interface RolloutPlanningOptions {
  /** Where the quarantining products come from; default: the coexistence plans. */
  quarantiningProducts?: Provider;
}

/**
 * Groups and policies, update waves and the detect-to-block mode switch, with the workflow's
 * planning checks (server detect mode, group coverage, no double quarantine); the sensor's
 * deployment per endpoint, and the measured conditions of the deployment and tuning tasks.
 */
@Module({})
export class RolloutPlanningModule {
  static register(options: RolloutPlanningOptions = {}): DynamicModule {
    const quarantining: Provider = options.quarantiningProducts ?? {
      provide: QuarantiningProducts,
      useClass: PlannedQuarantiningProducts,
    };
    return {
      module: RolloutPlanningModule,
      imports: [
        TypeOrmModule.forFeature(ROLLOUT_ENTITIES),
        IdentityModule,
        ClockModule,
        WorkflowModule,
        NotifyModule,
      ],
      providers: [
        ...SERVICES,
        quarantining,
        PlanningChecksRegistrar,
        DeploymentConditionsRegistration,
        TuningCompletionRegistration,
        PlanningSnapshotsRegistrar,
      ],
      exports: [...SERVICES, QuarantiningProducts],
    };
  }
}

/** For the worker (and the embedded API): the mode-switch mails (request to the customer, decision to the requester). */
@Module({
  imports: [NotifyWorkerModule, ClockModule],
  providers: [ModeSwitchRequestedHandler, ModeSwitchDecidedHandler],
})
export class RolloutPlanningWorkerModule {}
