import { AgreementsModule } from '@app/agreements';
import { AgreementSignatureEvents, SignatureEventsModule } from '@app/authorisation';
import { WorkflowModule } from '@app/workflow';
import { AgreementController } from './agreement.controller';
import { ProviderCatalogueController } from './provider-catalogue.controller';
import { RunbooksController } from './runbooks.controller';

/**
 * The agreements lib, bound to the onboarding workflow (its steps follow document versions) and
 * to signature requests (a new agreement version invalidates signatures of the old one).
 */
export const AGREEMENTS_MODULE = AgreementsModule.register({
  events: AgreementSignatureEvents,
  imports: [WorkflowModule, SignatureEventsModule],
});

export const AGREEMENT_CONTROLLERS = [
  AgreementController,
  RunbooksController,
  ProviderCatalogueController,
];
