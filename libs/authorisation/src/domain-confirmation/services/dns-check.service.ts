import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { AccessScope } from '@app/identity';
import { APP_CONFIG, AppConfig, TransactionRunner } from '@app/platform';
import { Resolver } from 'node:dns/promises';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { dnsChallengeValue, dnsRecordName, txtHolds } from '../domain/dns-challenge';
import { DomainDnsCheck, DomainDnsSecret } from '../entities/domain-dns.entity';
import {
  assertMayRequest,
  ConfirmationContext,
  ConfirmationContextLoader,
} from './confirmation-context';

export interface DnsExpectation {
  domain: string;
  name: string;
  /** The whole TXT value to publish, `token=<value>`. */
  txt: string;
}

export interface DnsCheckView {
  domain: string;
  passed: boolean;
  detail: string | null;
  checkedAt: string;
}

export interface DnsSummary {
  /** Empty until the engagement's secret exists (made by the first send or DNS check). */
  expected: DnsExpectation[];
  /** The newest result per domain. */
  latest: DnsCheckView[];
}

/**
 * The DNS TXT check: proof that whoever runs the customer's DNS published the engagement's value.
 * It is recorded evidence beside the email confirmations but never completes the step alone:
 * the vendor asks for the consent of a person at the customer (the security lead answering the
 * mail), and control of DNS shows control of the domain, not that consent.
 */
@Injectable()
export class DnsCheckService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly contexts: ConfirmationContextLoader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(scope: AccessScope, onboardingId: string): Promise<DnsSummary> {
    const { ctx, expected } = await this.tx.run(async (manager) => {
      const loaded = await this.contexts.load(scope, manager, onboardingId);
      assertMayRequest(scope);
      await this.ensureSecret(manager, scope, loaded);
      return { ctx: loaded, expected: await this.expected(manager, loaded) };
    });
    // The lookups run outside any transaction: a slow DNS server must not hold a connection.
    const results = await Promise.all(
      expected.map(async (e) => ({ domain: e.domain, ...(await this.lookup(e)) })),
    );
    return this.tx.run(async (manager) => {
      for (const result of results) {
        const row = await manager.getRepository(DomainDnsCheck).save(
          manager.getRepository(DomainDnsCheck).create({
            engagementId: ctx.engagement.id,
            onboardingId: ctx.onboarding.id,
            domain: result.domain,
            passed: result.passed,
            detail: result.detail,
            checkedBy: scope.userId,
          }),
        );
        await this.audit.record(manager, scope.actor, {
          action: 'domain_confirmation.dns_checked',
          subjectType: 'domain_dns_check',
          subjectId: row.id,
          organisationId: ctx.customer.id,
          engagementId: ctx.engagement.id,
          changes: { domain: result.domain, passed: result.passed, detail: result.detail },
        });
      }
      return this.summary(manager, ctx);
    });
  }

  async summary(manager: EntityManager, ctx: ConfirmationContext): Promise<DnsSummary> {
    const rows = await manager
      .getRepository(DomainDnsCheck)
      .createQueryBuilder('c')
      .distinctOn(['c.domain'])
      .where('c.onboarding_id = :id', { id: ctx.onboarding.id })
      .orderBy('c.domain')
      .addOrderBy('c.checked_at', 'DESC')
      .getMany();
    return {
      expected: await this.expected(manager, ctx),
      latest: rows.map((r) => ({
        domain: r.domain,
        passed: r.passed,
        detail: r.detail,
        checkedAt: r.checkedAt.toISOString(),
      })),
    };
  }

  private async expected(
    manager: EntityManager,
    ctx: ConfirmationContext,
  ): Promise<DnsExpectation[]> {
    const secret = (
      await manager.getRepository(DomainDnsSecret).findOneBy({ engagementId: ctx.engagement.id })
    )?.secret;
    if (secret === undefined) return [];
    return ctx.customer.emailDomains.map((domain) => ({
      domain,
      name: dnsRecordName(domain),
      txt: `token=${dnsChallengeValue(secret, domain)}`,
    }));
  }

  /**
   * Makes the engagement's secret if it has none, in the caller's write transaction (the first
   * send or DNS check), audited; reads never write. The TXT values it derives are public by design.
   */
  async ensureSecret(
    manager: EntityManager,
    scope: AccessScope,
    ctx: ConfirmationContext,
  ): Promise<void> {
    const created = await manager
      .createQueryBuilder()
      .insert()
      .into(DomainDnsSecret)
      .values({ engagementId: ctx.engagement.id, secret: randomBytes(32).toString('base64url') })
      .orIgnore()
      .returning('engagement_id')
      .updateEntity(false)
      .execute();
    if ((created.raw as unknown[]).length === 0) return;
    await this.audit.record(manager, scope.actor, {
      action: 'domain_confirmation.dns_value_issued',
      subjectType: 'engagement',
      subjectId: ctx.engagement.id,
      organisationId: ctx.customer.id,
      engagementId: ctx.engagement.id,
      changes: { domains: [...ctx.customer.emailDomains].sort() },
    });
  }

  private async lookup(
    expected: DnsExpectation,
  ): Promise<{ passed: boolean; detail: string | null }> {
    const resolver = new Resolver({ timeout: 3000, tries: 2 });
    if (this.config.dnsResolver) resolver.setServers([this.config.dnsResolver]);
    try {
      const records = await resolver.resolveTxt(expected.name);
      const value = expected.txt.slice('token='.length);
      return txtHolds(records, value)
        ? { passed: true, detail: null }
        : { passed: false, detail: `TXT records at ${expected.name} hold no matching token` };
    } catch (error: unknown) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      return {
        passed: false,
        detail:
          code === 'ENOTFOUND' || code === 'ENODATA'
            ? `no TXT record at ${expected.name}`
            : `lookup failed (${code})`,
      };
    }
  }
}
