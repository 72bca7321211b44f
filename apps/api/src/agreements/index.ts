import { AgreementsModule } from '@app/agreements';
import { AgreementController } from './agreement.controller';
import { ProviderCatalogueController } from './provider-catalogue.controller';
import { RunbooksController } from './runbooks.controller';

/**
 * The agreements lib with its default (no-op) AgreementEvents hook. The workflow integration
 * binds the hook here: `AgreementsModule.register({ events: ..., imports: [WorkflowModule] })`.
 */
export const AGREEMENTS_MODULE = AgreementsModule.register();

export const AGREEMENT_CONTROLLERS = [
  AgreementController,
  RunbooksController,
  ProviderCatalogueController,
];
