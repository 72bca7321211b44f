import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import {
  Engagement,
  EngagementAssignment,
  Organisation,
  PasswordService,
  SYSTEM_ACTOR,
  UserService,
} from '@app/identity';
import { TransactionRunner } from '@app/platform';
import { DEMO_ACCOUNT_MANAGER, DEMO_ENGAGEMENTS, DEMO_ORGANISATIONS, DEMO_USERS } from './demo-data';

export interface SeedResult {
  seeded: boolean;
}

/** Seeds the demo once: a second start finds the provider and leaves everything as it is. */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UserService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  async seed(password: string): Promise<SeedResult> {
    const passwordHash = await this.passwords.hash(password);
    return this.tx.run(async (manager) => {
      // Serialise concurrent first boots (several server processes with SEED_DEMO=true).
      await manager.query('SELECT pg_advisory_xact_lock(5150001)');
      const exists = await manager.getRepository(Organisation).exist({ where: { name: 'Example MDR', kind: 'provider' } });
      if (exists) return { seeded: false };
      const orgs = new Map<string, Organisation>();
      for (const demo of DEMO_ORGANISATIONS) {
        const { key, ...fields } = demo;
        const organisation = await manager.getRepository(Organisation).save(manager.getRepository(Organisation).create(fields));
        orgs.set(key, organisation);
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'organisation.created', subjectType: 'organisation', subjectId: organisation.id,
          organisationId: organisation.id, changes: { ...fields, seed: 'demo' },
        });
      }
      const userIds = new Map<string, string>();
      for (const demo of DEMO_USERS) {
        const organisation = demo.organisationKey ? (orgs.get(demo.organisationKey) ?? null) : null;
        const view = await this.users.insert(manager, SYSTEM_ACTOR, demo, organisation, passwordHash);
        userIds.set(demo.email, view.id);
      }
      const provider = orgs.get('provider') as Organisation;
      for (const demo of DEMO_ENGAGEMENTS) {
        const customer = orgs.get(demo.customerKey) as Organisation;
        const engagement = await manager.getRepository(Engagement).save(
          manager.getRepository(Engagement).create({
            customerOrganisationId: customer.id, providerOrganisationId: provider.id, name: demo.name, status: 'onboarding',
            edrProduct: 'example-edr', edrTenant: demo.edrTenant,
          }),
        );
        const accountManagerId = userIds.get(DEMO_ACCOUNT_MANAGER) as string;
        await manager.getRepository(EngagementAssignment).insert({ engagementId: engagement.id, userId: accountManagerId });
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'engagement.created', subjectType: 'engagement', subjectId: engagement.id,
          organisationId: customer.id, engagementId: engagement.id,
          changes: { name: demo.name, customerOrganisationId: customer.id, providerOrganisationId: provider.id,
            accountManagerIds: [accountManagerId], seed: 'demo' },
        });
      }
      return { seeded: true };
    });
  }
}
