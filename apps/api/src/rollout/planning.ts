import { RolloutPlanningModule } from '@app/rollout';
import { SensorDeploymentController } from './deployment/sensor-deployment.controller';
import { GroupsController } from './groups/groups.controller';
import { ModeSwitchController } from './phases/mode-switch.controller';
import { TuningLogController } from './phases/tuning-log.controller';
import { WavesController } from './waves/waves.controller';

/** Groups and policies, update waves, the tuning log and mode switches. */
export const ROLLOUT_PLANNING_MODULE = RolloutPlanningModule.register();

export const ROLLOUT_PLANNING_CONTROLLERS = [
  GroupsController,
  WavesController,
  TuningLogController,
  ModeSwitchController,
  SensorDeploymentController,
];
