import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { WorkflowModule } from '@app/workflow';
import { CompletionCertificateService } from './completion-certificate.service';

/**
 * The certificate of a started service. It lives with the authorisation lib because it names
 * the signature requests and domain confirmations behind the gate steps (the workflow lib must
 * not depend on this one).
 */
@Module({
  imports: [IdentityModule, WorkflowModule],
  providers: [CompletionCertificateService],
  exports: [CompletionCertificateService],
})
export class CompletionCertificateModule {}
