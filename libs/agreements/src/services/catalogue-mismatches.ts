import { Injectable } from '@nestjs/common';
import { Engagement, Organisation } from '@app/identity';
import type { Language } from '@app/access';
import { Clock, NotFoundException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { storedAgreementContent } from '../domain/agreement-content';
import { findCatalogueMismatches } from '../domain/catalogue-check';
import { storedServiceCatalogue } from '../domain/catalogue-content';
import { labelsFor } from '../domain/labels';
import { ProviderServiceCatalogue } from '../entities/provider-service-catalogue.entity';
import { documentVersions } from './document-versions';

/**
 * The reading behind `provider_requirements_check`, apart from the catalogue's editing so that the
 * workflow link can use it while catalogue changes tell the workflow (no cycle between the two).
 */
@Injectable()
export class CatalogueMismatches {
  constructor(private readonly clock: Clock) {}

  /**
   * Every requirement of the engagement's newest agreement version that its provider's catalogue
   * cannot meet, one sentence each (English unless asked otherwise); empty when all are met. No
   * catalogue or no agreement is itself a sentence, so an empty list always means "checked, met".
   * No access check: for callers that already checked (the workflow's automatic check).
   */
  async of(
    manager: EntityManager,
    engagementId: string,
    language: Language = 'en',
  ): Promise<string[]> {
    const engagement = await manager.getRepository(Engagement).findOneBy({ id: engagementId });
    if (!engagement) throw new NotFoundException('Engagement');
    const provider = await manager
      .getRepository(Organisation)
      .findOneByOrFail({ id: engagement.providerOrganisationId });
    const say = labelsFor(language).mismatch;
    const agreement = await documentVersions.newest(manager, engagementId, 'service_agreement');
    const catalogue = await manager
      .getRepository(ProviderServiceCatalogue)
      .findOneBy({ providerOrganisationId: provider.id });
    const sentences: string[] = [];
    if (!agreement) sentences.push(say.noAgreement());
    if (!catalogue) sentences.push(say.noCatalogue(provider.name));
    if (!agreement || !catalogue) return sentences;
    return findCatalogueMismatches(
      storedAgreementContent(agreement.content),
      storedServiceCatalogue(catalogue.content),
      provider.name,
      language,
      this.clock.now(),
    );
  }
}
