import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { ClockModule } from '@app/platform';
import { EVIDENCE_ENTITIES } from './evidence-attachment.entity';
import { EvidenceStore } from './evidence-store.service';

/** The evidence store, for every part that keeps files: task completions, steps, incidents, comments. */
@Module({
  imports: [TypeOrmModule.forFeature(EVIDENCE_ENTITIES), AuditModule, IdentityModule, ClockModule],
  providers: [EvidenceStore],
  exports: [EvidenceStore],
})
export class EvidenceStoreModule {}
