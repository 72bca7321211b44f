import { DomainConfirmation } from './domain-confirmation.entity';
import { DomainDnsCheck, DomainDnsSecret } from './domain-dns.entity';

export * from './domain-confirmation.entity';
export * from './domain-dns.entity';

export const DOMAIN_CONFIRMATION_ENTITIES = [DomainConfirmation, DomainDnsSecret, DomainDnsCheck];
