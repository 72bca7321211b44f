import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { OutboxService } from '@app/notify';
import {
  APP_CONFIG,
  AppConfig,
  ForbiddenException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { EntityManager, In } from 'typeorm';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { User } from '../entities/user.entity';
import { can, Language, organisationKindForRole, organisationSubject, Role } from '@app/access';
import { AccessScope, Actor } from '@app/access';
import { OrganisationService } from './organisation.service';
import { IdentityError } from '../identity-errors';

/** A person to invite: they choose their own password through the link mailed to them. */
export interface CreateUserInput {
  email: string;
  displayName: string;
  organisationId?: string | null;
  role: Role;
  countryCode?: string;
  language?: Language;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  language: Language;
  organisationId: string | null;
  disabled: boolean;
  roles: { role: Role; countryCode: string | null }[];
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Invites users. Nobody is ever given a password by someone else: the invitee sets it through
 * the set-password link of their welcome mail. Who may invite whom:
 * - a platform admin: anyone;
 * - a provider lead: its own provider's staff, and a customer's FIRST security lead, only by an
 *   invitation to an address in the customer's declared email domains (the customer's own mail
 *   system receives it, so the provider never controls the account);
 * - a customer security lead: its own organisation's people.
 * Every user added to a customer is announced to that customer's security leads.
 */
@Injectable()
export class UserService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly organisations: OrganisationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(scope: AccessScope, input: CreateUserInput): Promise<UserView> {
    const organisation = input.organisationId
      ? await this.organisations.get(scope, input.organisationId)
      : null;
    this.validate(input, organisation);
    return this.tx.run(async (manager) => {
      await this.authorise(manager, scope, input, organisation);
      return this.insert(manager, scope.actor, input, organisation);
    });
  }

  /**
   * Writes the invited user, their membership, the welcome mail (with the set-password link),
   * the notice to the customer's security leads and the audit record together. Used by create()
   * and by the demo seed, which invites its people by the same rules.
   */
  async insert(
    manager: EntityManager,
    actor: Actor,
    input: CreateUserInput,
    organisation: Organisation | null,
  ): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    if (await manager.getRepository(User).exist({ where: { email } })) {
      throw new IdentityError('EMAIL_TAKEN', `A user with email ${email} already exists`, [
        { field: 'email', reason: 'is already taken' },
      ]);
    }
    const user = manager.getRepository(User).create({
      email,
      displayName: input.displayName.trim(),
      organisationId: organisation?.id ?? null,
      language: input.language ?? organisation?.language ?? 'en',
      passwordHash: null,
    });
    await manager.getRepository(User).insert(user);
    const membership = manager.getRepository(Membership).create({
      userId: user.id,
      organisationId: organisation?.id ?? null,
      role: input.role,
      countryCode: input.countryCode?.toUpperCase() ?? null,
    });
    await manager.getRepository(Membership).insert(membership);
    await this.outbox.add(manager, 'welcome-email', {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      language: user.language,
      organisationName: organisation?.name ?? 'MDR Portal',
      loginUrl: `${this.config.publicUrl}/login`,
      invited: true,
    });
    const told =
      organisation?.kind === 'customer'
        ? await this.announceToCustomer(manager, actor, organisation, user.id)
        : [];
    await this.audit.record(manager, actor, {
      action: 'user.created',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: organisation?.id ?? null,
      changes: {
        email: user.email,
        displayName: user.displayName,
        language: user.language,
        role: membership.role,
        countryCode: membership.countryCode,
        invited: true,
        customerLeadsTold: told,
      },
    });
    return this.toView(user, [membership]);
  }

  async view(userId: string): Promise<UserView | null> {
    const user = await this.tx.manager.getRepository(User).findOne({ where: { id: userId } });
    if (!user) return null;
    const memberships = await this.tx.manager.getRepository(Membership).find({ where: { userId } });
    return this.toView(user, memberships);
  }

  /**
   * Display names by user id, for a page that shows who did what; the ids come from rows the
   * caller has already read through its scope. Unknown ids are left out.
   */
  async displayNames(userIds: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(userIds)];
    if (wanted.length === 0) return new Map();
    const users = await this.tx.manager
      .getRepository(User)
      .find({ where: { id: In(wanted) }, select: { id: true, displayName: true } });
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  /** Mails each of the customer's active security leads (but the new user and the actor) about the new user. */
  private async announceToCustomer(
    manager: EntityManager,
    actor: Actor,
    customer: Organisation,
    addedUserId: string,
  ): Promise<string[]> {
    const leads = (await manager.query(
      `SELECT DISTINCT u.id FROM app_user u JOIN membership m ON m.user_id = u.id
        WHERE m.organisation_id = $1 AND m.role = 'customer_security_lead' AND u.disabled_at IS NULL
          AND u.id <> $2 AND u.id IS DISTINCT FROM $3
        ORDER BY u.id`,
      [customer.id, addedUserId, actor.userId],
    )) as { id: string }[];
    for (const lead of leads) {
      await this.outbox.add(manager, 'user-added-notice', {
        addedUserId,
        recipientUserId: lead.id,
        addedByUserId: actor.userId,
      });
    }
    return leads.map((lead) => lead.id);
  }

  private async authorise(
    manager: EntityManager,
    scope: AccessScope,
    input: CreateUserInput,
    organisation: Organisation | null,
  ): Promise<void> {
    if (!organisation || input.role === 'platform_admin') {
      if (can(scope, 'user.invite_platform_admin')) return;
      throw new ForbiddenException('Only a platform admin invites platform admins');
    }
    if (can(scope, 'user.invite', organisationSubject(organisation))) return;
    if (organisation.kind === 'customer' && can(scope, 'user.invite_first_security_lead')) {
      await this.authoriseFirstSecurityLead(manager, input, organisation);
      return;
    }
    throw new ForbiddenException(
      "Only an organisation's own lead (a customer's security lead, a provider's lead) or a platform admin adds its users",
    );
  }

  /**
   * A provider lead may start a customer off: invite its first security lead, and only to an
   * address in the customer's declared domains. Everyone after that is the customer's to add.
   */
  private async authoriseFirstSecurityLead(
    manager: EntityManager,
    input: CreateUserInput,
    customer: Organisation,
  ): Promise<void> {
    if (input.role !== 'customer_security_lead') {
      throw new ForbiddenException(
        "A provider lead invites only a customer's first security lead; the customer's security lead adds everyone else",
      );
    }
    if (customer.emailDomains.length === 0) {
      throw new IdentityError(
        'CUSTOMER_HAS_NO_EMAIL_DOMAINS',
        'The customer declares no email domains, so an invitation cannot be bound to its own mail system',
        [{ field: 'organisationId', reason: 'declares no email domains' }],
      );
    }
    const [{ active }] = (await manager.query(
      `SELECT count(*)::int AS active FROM app_user u JOIN membership m ON m.user_id = u.id
        WHERE m.organisation_id = $1 AND m.role = 'customer_security_lead'
          AND u.password_hash IS NOT NULL AND u.disabled_at IS NULL`,
      [customer.id],
    )) as { active: number }[];
    if (active > 0) {
      throw new ForbiddenException(
        "The customer already has a security lead; the customer's security lead adds its users",
      );
    }
  }

  private validate(input: CreateUserInput, organisation: Organisation | null): void {
    const requiredKind = organisationKindForRole(input.role);
    if (requiredKind === null && organisation) {
      throw new ValidationException([
        { field: 'organisationId', reason: 'must be empty for platform_admin' },
      ]);
    }
    if (requiredKind !== null && !organisation) {
      throw new ValidationException([
        { field: 'organisationId', reason: `is required for role ${input.role}` },
      ]);
    }
    if (organisation && requiredKind !== organisation.kind) {
      throw new ValidationException([
        {
          field: 'role',
          reason: `${input.role} needs a ${requiredKind} organisation, not a ${organisation.kind}`,
        },
      ]);
    }
    if (input.role === 'customer_it' && !input.countryCode) {
      throw new ValidationException([
        { field: 'countryCode', reason: 'is required for customer_it' },
      ]);
    }
    if (organisation && organisation.emailDomains.length > 0) {
      const domain = emailDomain(input.email);
      if (!organisation.emailDomains.includes(domain)) {
        throw new ValidationException([
          {
            field: 'email',
            reason: `must be in the organisation's domains (${organisation.emailDomains.join(', ')})`,
          },
        ]);
      }
    }
  }

  toView(user: User, memberships: Membership[]): UserView {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      language: user.language,
      organisationId: user.organisationId,
      disabled: user.disabledAt !== null,
      roles: memberships.map((m) => ({ role: m.role, countryCode: m.countryCode })),
    };
  }
}
