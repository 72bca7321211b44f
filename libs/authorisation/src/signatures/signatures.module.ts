import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { IdentityModule } from '@app/identity';
import { NotifyModule, NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { StepEvidenceRegistry, WorkflowModule } from '@app/workflow';
import { SIGNATURE_ENTITIES } from '../entities';
import { SignatureAccess } from './signature-access';
import { SignatureDocuments } from './signature-documents';
import { SignatureInvalidation } from './signature-invalidation';
import { SignatureMailHandlers } from './signature-mail.handlers';
import { SignatureRequestsService } from './signature-requests.service';
import { SignatureTrail } from './signature-trail';
import { SIGNATURE_STEP_KEY } from './signature-vocabulary';
import { SigningService } from './signing.service';

const COMMON = [
  TypeOrmModule.forFeature(SIGNATURE_ENTITIES),
  AuditModule,
  IdentityModule,
  WorkflowModule,
  ClockModule,
];

/**
 * The trail and the invalidation of signatures by a new agreement version: what the
 * agreements' event hook needs (see AgreementSignatureEvents), without the rest of the feature.
 */
@Module({
  imports: COMMON,
  providers: [SignatureTrail, SignatureInvalidation],
  exports: [SignatureTrail, SignatureInvalidation],
})
export class SignatureEventsModule {}

/**
 * Signature requests for the domain authorisation: the step `domain_authorisation_signature`
 * is decided only here (registered with the workflow's evidence registry).
 */
@Module({
  imports: [...COMMON, NotifyModule, SignatureEventsModule],
  providers: [
    SignatureAccess,
    SignatureDocuments,
    PdfWriter,
    SignatureRequestsService,
    SigningService,
  ],
  exports: [SignatureRequestsService, SigningService, SignatureDocuments],
})
export class SignaturesModule {
  constructor(registry: StepEvidenceRegistry) {
    registry.decideElsewhere(SIGNATURE_STEP_KEY, 'a signature request');
  }
}

/** For the worker (and the embedded API): the mail of signature requests. */
@Module({
  imports: [...COMMON, NotifyWorkerModule],
  providers: [SignatureMailHandlers],
})
export class SignaturesWorkerModule {}
