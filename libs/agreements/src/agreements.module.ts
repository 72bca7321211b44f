import { DynamicModule, Module, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { ClockModule } from '@app/platform';
import { DocumentRenderer } from './documents/document-renderer';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { AGREEMENTS_ENTITIES } from './entities';
import { AgreementEvents } from './services/agreement-events';
import { CatalogueMismatches } from './services/catalogue-mismatches';
import { EngagementDocumentsService } from './services/engagement-documents.service';
import { DocumentComposer } from './services/engagement-documents/document-composer';
import { DocumentDecisions } from './services/engagement-documents/document-decisions';
import { DocumentDrafts } from './services/engagement-documents/document-drafts';
import { DocumentProposals } from './services/engagement-documents/document-proposals';
import { DocumentReader } from './services/engagement-documents/document-reader';
import { ProviderCatalogueService } from './services/provider-catalogue.service';
import { AgreementWorkflowLink } from './workflow-link';

const SERVICES = [
  DocumentRenderer,
  PdfWriter,
  EngagementDocumentsService,
  ProviderCatalogueService,
  AgreementWorkflowLink,
];
/** The parts EngagementDocumentsService delegates to: other modules call the service only. */
const INTERNAL = [
  DocumentComposer,
  DocumentReader,
  DocumentDrafts,
  DocumentProposals,
  DocumentDecisions,
  CatalogueMismatches,
];
const IMPORTS = [TypeOrmModule.forFeature(AGREEMENTS_ENTITIES), IdentityModule, ClockModule];

function metadata(
  events: Provider,
  extraImports: NonNullable<ModuleMetadata['imports']>,
): ModuleMetadata {
  return {
    imports: [...IMPORTS, ...extraImports],
    providers: [...SERVICES, ...INTERNAL, events],
    exports: [...SERVICES, AgreementEvents],
  };
}

export interface AgreementsModuleOptions {
  /** A subclass of AgreementEvents that forwards proposals and approvals (the workflow's). */
  events?: Type<AgreementEvents>;
  /** The modules the events class's own dependencies come from. */
  imports?: NonNullable<ModuleMetadata['imports']>;
}

/**
 * Agreements, runbooks and provider catalogues. `AgreementsModule.register()` gives the no-op
 * AgreementEvents hook; `AgreementsModule.register({ events: WorkflowAgreementEvents, imports:
 * [WorkflowModule] })` binds it to a subclass, so proposals and approvals reach the workflow in
 * the same transaction.
 */
@Module({})
export class AgreementsModule {
  static register(options: AgreementsModuleOptions = {}): DynamicModule {
    const events: Provider = options.events
      ? { provide: AgreementEvents, useClass: options.events }
      : AgreementEvents;
    return { module: AgreementsModule, ...metadata(events, options.imports ?? []) };
  }
}
