import { DomainConfirmationsController } from './domain-confirmations.controller';
import { InboundEmailController } from './inbound-email.controller';

export const DOMAIN_CONFIRMATION_CONTROLLERS = [
  DomainConfirmationsController,
  InboundEmailController,
];
export { registerRawMailParsers } from './raw-mail-body';
