import { EngagementDocumentVersion } from './document-version.entity';
import { ProviderServiceCatalogue } from './provider-service-catalogue.entity';

export { EngagementDocumentVersion, ProviderServiceCatalogue };

export const AGREEMENTS_ENTITIES = [EngagementDocumentVersion, ProviderServiceCatalogue];
