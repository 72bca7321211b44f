import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { WorkflowModule } from '@app/workflow';
import { CompletionCertificateModule } from '../completion-certificate/completion-certificate.module';
import { CompletionBundleService } from './completion-bundle.service';

/** The completion bundle: everything the certificate claims, with the proof, in one signed file. */
@Module({
  imports: [IdentityModule, WorkflowModule, CompletionCertificateModule],
  providers: [CompletionBundleService],
  exports: [CompletionBundleService],
})
export class CompletionBundleModule {}
