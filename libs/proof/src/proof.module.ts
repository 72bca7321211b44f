import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { NotifyModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { CheckpointStatements } from './checkpoint-statements.service';
import { CheckpointService } from './checkpoint.service';
import { PROOF_ENTITIES } from './entities';
import { PdfSealer } from './pdf-sealer.service';
import { SigningKeys } from './signing-keys.service';

/**
 * Proof an outsider can check: the portal's signing key, signed checkpoints over every audit
 * chain head, the statements customers keep, and the seal on PDFs. Global, like the audit log:
 * any lib that starts a service or makes a bundle issues a checkpoint.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(PROOF_ENTITIES), NotifyModule, ClockModule],
  providers: [SigningKeys, CheckpointService, CheckpointStatements, PdfSealer, PdfWriter],
  exports: [SigningKeys, CheckpointService, CheckpointStatements, PdfSealer],
})
export class ProofModule {}
