import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, can, organisationSubject } from '@app/access';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  ForbiddenException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { EntityManager, In, Not, QueryFailedError } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';
import { OrganisationSso } from '../entities/organisation-sso.entity';
import { OrganisationSsoDomain } from '../entities/organisation-sso-domain.entity';
import { UserSsoLink } from '../entities/user-sso-link.entity';
import { OrganisationService } from '../services/organisation.service';
import { OidcClientSecrets } from './oidc-client-secrets';
import { normalisedDomains, normalisedIssuer, SsoSettingsInput } from './sso-settings-input';

/** An organisation's sign-in settings as its admin sees them: never the client secret. */
export interface SsoSettingsView {
  organisationId: string;
  organisationName: string;
  configured: boolean;
  issuer: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  emailDomains: string[];
  passwordSignInDisabled: boolean;
  /** The organisation's own domains, among which the routed ones are chosen. */
  organisationEmailDomains: string[];
  updatedAt: Date | null;
}

/**
 * Who may set an organisation's sign-in: a platform admin, or the organisation's own
 * administrator (a customer's security lead, a provider's lead). Anyone who cannot see the
 * organisation gets 404; anyone else who sees it, 403.
 */
@Injectable()
export class SsoSettingsService {
  private readonly plainHttpHosts: ReadonlySet<string>;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly organisations: OrganisationService,
    private readonly secrets: OidcClientSecrets,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.plainHttpHosts = new Set(config.webhookAllowedPrivateHosts);
  }

  async get(scope: AccessScope, organisationId: string): Promise<SsoSettingsView> {
    const organisation = await this.adminOf(scope, organisationId, this.tx.manager);
    return this.view(this.tx.manager, organisation);
  }

  async put(
    scope: AccessScope,
    organisationId: string,
    input: SsoSettingsInput,
  ): Promise<SsoSettingsView> {
    try {
      return await this.tx.run(async (manager) => {
        const organisation = await this.adminOf(scope, organisationId, manager);
        const issuer = normalisedIssuer(input.issuer, this.plainHttpHosts);
        const clientId = input.clientId.trim();
        if (!clientId)
          throw new ValidationException([{ field: 'clientId', reason: 'must not be empty' }]);
        const emailDomains = normalisedDomains(input.emailDomains);
        const foreign = emailDomains.filter((d) => !organisation.emailDomains.includes(d));
        if (foreign.length > 0) {
          throw new ValidationException([
            {
              field: 'emailDomains',
              reason: `must be among the organisation's own domains (${organisation.emailDomains.join(', ') || 'none'}); not: ${foreign.join(', ')}`,
            },
          ]);
        }
        await this.refuseTakenDomains(manager, organisation.id, emailDomains);
        const before = await manager.getRepository(OrganisationSso).findOne({
          where: { organisationId: organisation.id },
          lock: { mode: 'pessimistic_write' },
        });
        const secret = (input.clientSecret ?? '').trim();
        if (!before && !secret)
          throw new ValidationException([
            { field: 'clientSecret', reason: 'is required when sign-in is first set up' },
          ]);
        const sealed = secret ? this.secrets.seal(organisation.id, secret) : null;
        const previousDomains = before ? await this.domainsOf(manager, organisation.id) : [];
        const values = {
          issuer,
          clientId,
          passwordSignInDisabled: input.passwordSignInDisabled,
          updatedAt: this.clock.now(),
          ...(sealed ? { clientSecretSealed: sealed } : {}),
        };
        if (before)
          await manager
            .getRepository(OrganisationSso)
            .update({ organisationId: organisation.id }, values);
        else
          await manager.getRepository(OrganisationSso).insert({
            organisationId: organisation.id,
            clientSecretSealed: sealed ?? '',
            ...values,
          });
        await manager
          .getRepository(OrganisationSsoDomain)
          .delete({ organisationId: organisation.id });
        await manager
          .getRepository(OrganisationSsoDomain)
          .insert(emailDomains.map((domain) => ({ domain, organisationId: organisation.id })));
        // Subjects are the old provider's: a new issuer links everyone afresh at their next sign-in.
        const unlinked =
          before && before.issuer !== issuer
            ? ((
                await manager.getRepository(UserSsoLink).delete({ organisationId: organisation.id })
              ).affected ?? 0)
            : 0;
        await this.audit.record(manager, scope.actor, {
          action: before ? 'organisation.sso_updated' : 'organisation.sso_configured',
          subjectType: 'organisation',
          subjectId: organisation.id,
          organisationId: organisation.id,
          changes: {
            issuer:
              before && before.issuer !== issuer ? { from: before.issuer, to: issuer } : issuer,
            clientId:
              before && before.clientId !== clientId
                ? { from: before.clientId, to: clientId }
                : clientId,
            emailDomains: before ? { from: previousDomains, to: emailDomains } : emailDomains,
            passwordSignInDisabled:
              before && before.passwordSignInDisabled !== input.passwordSignInDisabled
                ? { from: before.passwordSignInDisabled, to: input.passwordSignInDisabled }
                : input.passwordSignInDisabled,
            clientSecretReplaced: Boolean(sealed),
            ...(unlinked > 0 ? { linksRemoved: unlinked } : {}),
          },
        });
        return this.view(manager, organisation);
      });
    } catch (error: unknown) {
      // Two organisations claiming one domain at the same moment: the primary key decides.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === '23505'
      ) {
        throw new ValidationException([
          {
            field: 'emailDomains',
            reason: 'a domain already signs in through another organisation',
          },
        ]);
      }
      throw error;
    }
  }

  /** Removes the provider; passwords work again for the organisation's people. */
  async remove(scope: AccessScope, organisationId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const organisation = await this.adminOf(scope, organisationId, manager);
      const before = await manager
        .getRepository(OrganisationSso)
        .findOne({ where: { organisationId: organisation.id } });
      if (!before) return;
      const domains = await this.domainsOf(manager, organisation.id);
      await manager.getRepository(UserSsoLink).delete({ organisationId: organisation.id });
      await manager.getRepository(OrganisationSso).delete({ organisationId: organisation.id });
      await this.audit.record(manager, scope.actor, {
        action: 'organisation.sso_removed',
        subjectType: 'organisation',
        subjectId: organisation.id,
        organisationId: organisation.id,
        changes: { issuer: before.issuer, clientId: before.clientId, emailDomains: domains },
      });
    });
  }

  private async adminOf(
    scope: AccessScope,
    organisationId: string,
    manager: EntityManager,
  ): Promise<Organisation> {
    const organisation = await this.organisations.get(scope, organisationId, manager);
    // The same holders as the MFA policy: the organisation's own lead, or a platform admin.
    if (!can(scope, 'organisation.manage_security', organisationSubject(organisation))) {
      throw new ForbiddenException(
        "Only the organisation's security lead or provider lead, or a platform admin, sets its sign-in",
      );
    }
    return organisation;
  }

  private async refuseTakenDomains(
    manager: EntityManager,
    organisationId: string,
    domains: string[],
  ): Promise<void> {
    const taken = await manager.getRepository(OrganisationSsoDomain).find({
      where: { domain: In(domains), organisationId: Not(organisationId) },
      order: { domain: 'ASC' },
    });
    if (taken.length > 0) {
      throw new ValidationException([
        {
          field: 'emailDomains',
          reason: `already sign in through another organisation: ${taken.map((t) => t.domain).join(', ')}`,
        },
      ]);
    }
  }

  private async domainsOf(manager: EntityManager, organisationId: string): Promise<string[]> {
    const rows = await manager
      .getRepository(OrganisationSsoDomain)
      .find({ where: { organisationId }, order: { domain: 'ASC' } });
    return rows.map((r) => r.domain);
  }

  private async view(manager: EntityManager, organisation: Organisation): Promise<SsoSettingsView> {
    const settings = await manager
      .getRepository(OrganisationSso)
      .findOne({ where: { organisationId: organisation.id } });
    return {
      organisationId: organisation.id,
      organisationName: organisation.name,
      configured: settings !== null,
      issuer: settings?.issuer ?? null,
      clientId: settings?.clientId ?? null,
      clientSecretSet: settings !== null,
      emailDomains: settings ? await this.domainsOf(manager, organisation.id) : [],
      passwordSignInDisabled: settings?.passwordSignInDisabled ?? false,
      organisationEmailDomains: [...organisation.emailDomains].sort(),
      updatedAt: settings?.updatedAt ?? null,
    };
  }
}
