import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { ClockModule } from '@app/platform';
import { WorkflowModule } from '@app/workflow';
import { EVIDENCE_ENTITIES } from './evidence-attachment.entity';
import { EvidenceStore } from './evidence-store.service';
import { EvidenceSubjects } from './evidence-subjects.service';

/** The evidence store and its own subjects (steps, incidents), for the API and other parts of the lib. */
@Module({
  imports: [
    TypeOrmModule.forFeature(EVIDENCE_ENTITIES),
    AuditModule,
    IdentityModule,
    WorkflowModule,
    ClockModule,
  ],
  providers: [EvidenceStore, EvidenceSubjects],
  exports: [EvidenceStore, EvidenceSubjects],
})
export class EvidenceModule {}
