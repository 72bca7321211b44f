import { Module } from '@nestjs/common';
import { EvidenceStoreModule } from '@app/evidence';
import { IdentityModule } from '@app/identity';
import { WorkflowModule } from '@app/workflow';
import { EvidenceSubjects } from './evidence-subjects.service';

/** The evidence store with its subjects here (steps, incidents), for the API and other parts of the lib. */
@Module({
  imports: [EvidenceStoreModule, IdentityModule, WorkflowModule],
  providers: [EvidenceSubjects],
  exports: [EvidenceStoreModule, EvidenceSubjects],
})
export class EvidenceModule {}
