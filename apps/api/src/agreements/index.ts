import { AgreementsModule, WorkflowAgreementEvents } from '@app/agreements';
import { WorkflowModule } from '@app/workflow';
import { AgreementController } from './agreement.controller';
import { ProviderCatalogueController } from './provider-catalogue.controller';
import { RunbooksController } from './runbooks.controller';

/** The agreements lib, bound to the onboarding workflow (its steps follow document versions). */
export const AGREEMENTS_MODULE = AgreementsModule.register({ events: WorkflowAgreementEvents, imports: [WorkflowModule] });

export const AGREEMENT_CONTROLLERS = [
  AgreementController,
  RunbooksController,
  ProviderCatalogueController,
];
