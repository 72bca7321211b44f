import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import {
  AccessScope,
  can,
  EngagementService,
  Organisation,
  OrganisationService,
  organisationSubject,
} from '@app/identity';
import {
  Clock,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { EntityManager } from 'typeorm';
import {
  readServiceCatalogue,
  ServiceCatalogue,
  storedServiceCatalogue,
} from '../domain/catalogue-content';
import { compareContent } from '../domain/compare';
import { ProviderServiceCatalogue } from '../entities/provider-service-catalogue.entity';
import { AgreementEvents } from './agreement-events';
import { CatalogueMismatches } from './catalogue-mismatches';
import { documentVersions } from './document-versions';

export interface CatalogueView {
  providerOrganisationId: string;
  providerName: string;
  catalogue: ServiceCatalogue;
  updatedBy: string | null;
  updatedAt: Date;
  revision: number;
}

export interface CatalogueCheck {
  engagementId: string;
  providerOrganisationId: string;
  /** The agreement version checked: the newest, draft or not; null when none exists. */
  agreementVersion: number | null;
  meets: boolean;
  mismatches: string[];
}

/** Providers' service catalogues, and the check of an engagement's agreement against its provider's. */
@Injectable()
export class ProviderCatalogueService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationService,
    private readonly engagements: EngagementService,
    private readonly clock: Clock,
    private readonly mismatches: CatalogueMismatches,
    private readonly events: AgreementEvents,
  ) {}

  async get(scope: AccessScope, providerId: string): Promise<CatalogueView> {
    const provider = await this.provider(scope, providerId, this.tx.manager);
    const row = await this.tx.manager
      .getRepository(ProviderServiceCatalogue)
      .findOneBy({ providerOrganisationId: provider.id });
    if (!row) throw new NotFoundException('Service catalogue');
    return catalogueView(provider, row);
  }

  async put(scope: AccessScope, providerId: string, input: unknown): Promise<CatalogueView> {
    return this.tx.run(async (manager) => {
      const provider = await this.provider(scope, providerId, manager);
      if (
        !can(scope, 'catalogue.manage', organisationSubject({ id: provider.id, kind: 'provider' }))
      ) {
        throw new ForbiddenException(
          "Only the provider's lead or a platform admin edits its service catalogue",
        );
      }
      const read = readServiceCatalogue(input);
      if (!read.value) throw new ValidationException(read.errors);
      const repository = manager.getRepository(ProviderServiceCatalogue);
      await manager.query('SELECT pg_advisory_xact_lock(4401, hashtext($1))', [provider.id]);
      const existing = await repository.findOneBy({ providerOrganisationId: provider.id });
      const content = read.value;
      const row = existing ?? repository.create({ providerOrganisationId: provider.id });
      const before = existing?.content ?? null;
      Object.assign(row, { content, updatedBy: scope.userId, updatedAt: this.clock.now() });
      const saved = await repository.save(row);
      await this.audit.record(manager, scope.actor, {
        action: existing ? 'provider_catalogue.updated' : 'provider_catalogue.created',
        subjectType: 'provider_catalogue',
        subjectId: provider.id,
        organisationId: provider.id,
        changes: before ? { fields: compareContent(before, content) } : { catalogue: content },
      });
      await this.events.catalogueChanged(manager, scope.actor, provider.id);
      return catalogueView(provider, saved);
    });
  }

  /** The check as the API shows it, in the caller's language. */
  async check(scope: AccessScope, engagementId: string): Promise<CatalogueCheck> {
    const engagement = await this.engagements.get(scope, engagementId);
    const newest = await documentVersions.newest(
      this.tx.manager,
      engagement.id,
      'service_agreement',
    );
    const mismatches = await this.mismatches.of(this.tx.manager, engagement.id, scope.language);
    return {
      engagementId: engagement.id,
      providerOrganisationId: engagement.providerOrganisationId,
      agreementVersion: newest?.version ?? null,
      meets: mismatches.length === 0,
      mismatches,
    };
  }

  private async provider(
    scope: AccessScope,
    providerId: string,
    manager: EntityManager,
  ): Promise<Organisation> {
    const organisation = await this.organisations.get(scope, providerId, manager);
    if (organisation.kind !== 'provider') throw new NotFoundException('Provider');
    return organisation;
  }
}

function catalogueView(provider: Organisation, row: ProviderServiceCatalogue): CatalogueView {
  return {
    providerOrganisationId: provider.id,
    providerName: provider.name,
    catalogue: storedServiceCatalogue(row.content),
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
    revision: row.revision,
  };
}
