import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import {
  Actor,
  Engagement,
  EngagementAssignment,
  OneTimeTokenService,
  Organisation,
  PASSWORD_PROBLEM_REASONS,
  PasswordPolicy,
  PasswordService,
  personalWords,
  SET_PASSWORD_PURPOSE,
  SYSTEM_ACTOR,
  UserCredentialsService,
  UserService,
} from '@app/identity';
import { Clock, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import {
  DEMO_ACCOUNT_MANAGER,
  DEMO_ENGAGEMENTS,
  DEMO_ORGANISATIONS,
  DEMO_USERS,
  DemoUser,
} from './demo-data';

export interface SeedResult {
  seeded: boolean;
}

const SEED_AGENT = 'demo seed';
const INVITATION_TTL_SECONDS = 3600;

/**
 * Seeds the demo once: a second start finds the provider and leaves everything as it is.
 *
 * The demo's people are added by the same rules as anyone's: the system invites the provider's
 * staff and the platform admin; the provider lead invites each customer's first security lead
 * (an address in the customer's domain); each customer's security lead invites its IT staff.
 * Nobody is handed a password: every invitation is completed through its own set-password
 * token (issued and redeemed here, in-process, as the invitee's link would be), with the demo
 * password, which must pass the password policy like any other.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UserService,
    private readonly credentials: UserCredentialsService,
    private readonly tokens: OneTimeTokenService,
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Why the policy refuses `password` for one of the demo's people; null when every one may use it. */
  problemWith(password: string): string | null {
    for (const user of DEMO_USERS) {
      const problem = this.policy.problemWith(password, personalWords(user));
      if (problem) return PASSWORD_PROBLEM_REASONS[problem];
    }
    return null;
  }

  async seed(password: string): Promise<SeedResult> {
    return this.tx.run(async (manager) => {
      // Serialise concurrent first boots (several server processes with SEED_DEMO=true).
      await manager.query('SELECT pg_advisory_xact_lock(5150001)');
      const exists = await manager
        .getRepository(Organisation)
        .exist({ where: { name: 'Example MDR', kind: 'provider' } });
      if (exists) return { seeded: false };
      // Only now: the policy check and the hash cost every restart about a second of CPU.
      const problem = this.problemWith(password);
      if (problem) throw new Error(`The demo password ${problem}`);
      const passwordHash = await this.passwords.hash(password);
      const orgs = new Map<string, Organisation>();
      for (const demo of DEMO_ORGANISATIONS) {
        const { key, ...fields } = demo;
        const organisation = await manager
          .getRepository(Organisation)
          .save(
            manager.getRepository(Organisation).create({ ...fields, createdAt: this.clock.now() }),
          );
        orgs.set(key, organisation);
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'organisation.created',
          subjectType: 'organisation',
          subjectId: organisation.id,
          organisationId: organisation.id,
          changes: { ...fields, seed: 'demo' },
        });
      }
      const actors = new Map<string, Actor>();
      const invite = async (demo: DemoUser, actor: Actor): Promise<void> => {
        const organisation = demo.organisationKey ? (orgs.get(demo.organisationKey) ?? null) : null;
        const view = await this.users.insert(manager, actor, demo, organisation);
        await this.acceptInvitation(manager, view.id, view.email, passwordHash);
        actors.set(demo.email, {
          userId: view.id,
          organisationId: view.organisationId,
          ip: null,
          userAgent: SEED_AGENT,
        });
      };
      const providerLead = (): Actor => actors.get('lead@mdr.example') as Actor;
      const securityLeadOf = (key: string | null): Actor =>
        actors.get(
          DEMO_USERS.find((u) => u.organisationKey === key && u.role === 'customer_security_lead')
            ?.email ?? '',
        ) as Actor;
      // The platform's and the provider's people first, then each customer's first security lead
      // (invited by the provider lead), then the customers' other people (by their security lead).
      for (const demo of DEMO_USERS.filter(
        (u) => u.role !== 'customer_security_lead' && u.role !== 'customer_it',
      ))
        await invite(demo, SYSTEM_ACTOR);
      for (const demo of DEMO_USERS.filter((u) => u.role === 'customer_security_lead'))
        await invite(demo, providerLead());
      for (const demo of DEMO_USERS.filter((u) => u.role === 'customer_it'))
        await invite(demo, securityLeadOf(demo.organisationKey));
      const provider = orgs.get('provider') as Organisation;
      for (const demo of DEMO_ENGAGEMENTS) {
        const customer = orgs.get(demo.customerKey) as Organisation;
        const engagement = await manager.getRepository(Engagement).save(
          manager.getRepository(Engagement).create({
            customerOrganisationId: customer.id,
            providerOrganisationId: provider.id,
            name: demo.name,
            status: 'onboarding',
            edrProduct: 'example-edr',
            edrTenant: demo.edrTenant,
            // The business clock (the scenario seeds its people at the story's beginning).
            createdAt: this.clock.now(),
          }),
        );
        const accountManagerId = actors.get(DEMO_ACCOUNT_MANAGER)?.userId as string;
        await manager
          .getRepository(EngagementAssignment)
          .insert({ engagementId: engagement.id, userId: accountManagerId });
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'engagement.created',
          subjectType: 'engagement',
          subjectId: engagement.id,
          organisationId: customer.id,
          engagementId: engagement.id,
          changes: {
            name: demo.name,
            customerOrganisationId: customer.id,
            providerOrganisationId: provider.id,
            accountManagerIds: [accountManagerId],
            seed: 'demo',
          },
        });
      }
      return { seeded: true };
    });
  }

  /** Someone invited later (the scenario's staff): they accept with the demo password, as the others did. */
  async acceptInvitationOf(userId: string, email: string, password: string): Promise<void> {
    const passwordHash = await this.passwords.hash(password);
    await this.tx.run((manager) => this.acceptInvitation(manager, userId, email, passwordHash));
  }

  /** The invitee's side: a set-password token for them, redeemed with the demo password. */
  private async acceptInvitation(
    manager: EntityManager,
    userId: string,
    email: string,
    passwordHash: string,
  ): Promise<void> {
    const { token } = await this.tokens.issue(manager, {
      purpose: SET_PASSWORD_PURPOSE,
      subjectType: 'user',
      subjectId: userId,
      recipient: email,
      ttlSeconds: INVITATION_TTL_SECONDS,
    });
    await this.credentials.redeemInvitation(manager, token, passwordHash, {
      ip: null,
      userAgent: SEED_AGENT,
    });
  }
}
