import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { NotifyModule, NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { WorkflowModule } from '@app/workflow';
import { BlockListService } from './blocklist/block-list.service';
import { DetectionSecrets } from './detections/detection-secrets';
import { DetectionNotificationHandler } from './detections/detection-notification.handler';
import { DetectionsService } from './detections/detections.service';
import { ROLLOUT_ENTITIES } from './entities';
import { PastIncidentsService } from './incidents-history/past-incidents.service';
import { NotificationRoutingService } from './routing/notification-routing.service';
import { ProtectionSnapshotsRegistrar } from './snapshots/snapshot-registrars';

const SERVICES = [
  BlockListService,
  PastIncidentsService,
  NotificationRoutingService,
  DetectionsService,
];

/**
 * For the API: static block lists, past incidents and the effectiveness report, notification
 * routing and the detection webhook (parts 7 and 8 of the roll-out readiness work).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(ROLLOUT_ENTITIES),
    AuditModule,
    IdentityModule,
    NotifyModule,
    ClockModule,
    WorkflowModule,
  ],
  providers: [...SERVICES, DetectionSecrets, ProtectionSnapshotsRegistrar],
  exports: SERVICES,
})
export class ProtectionModule {}

/** For the worker (and the embedded API): the detection-notification mail handler. */
@Module({
  imports: [NotifyWorkerModule, ClockModule, IdentityModule],
  providers: [DetectionNotificationHandler],
})
export class ProtectionWorkerModule {}
