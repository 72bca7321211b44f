import { DynamicModule, Module, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { ClockModule } from '@app/platform';
import { DocumentRenderer } from './documents/document-renderer';
import { PdfWriter } from './documents/pdf-writer';
import { AGREEMENTS_ENTITIES } from './entities';
import { AgreementEvents } from './services/agreement-events';
import { EngagementDocumentsService } from './services/engagement-documents.service';
import { ProviderCatalogueService } from './services/provider-catalogue.service';
import { AgreementWorkflowLink } from './workflow-link';

const SERVICES = [
  DocumentRenderer,
  PdfWriter,
  EngagementDocumentsService,
  ProviderCatalogueService,
  AgreementWorkflowLink,
];
const IMPORTS = [TypeOrmModule.forFeature(AGREEMENTS_ENTITIES), IdentityModule, ClockModule];

function metadata(
  events: Provider,
  extraImports: NonNullable<ModuleMetadata['imports']>,
): ModuleMetadata {
  return {
    imports: [...IMPORTS, ...extraImports],
    providers: [...SERVICES, events],
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
