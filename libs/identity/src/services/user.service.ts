import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { OutboxService } from '@app/notify';
import {
  APP_CONFIG,
  AppConfig,
  DomainException,
  ForbiddenException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { EntityManager } from 'typeorm';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { User } from '../entities/user.entity';
import { Language, organisationKindForRole, Role } from '../roles';
import { AccessScope, Actor } from '../scope/access-scope';
import { SET_PASSWORD_PURPOSE } from './invitation-links.service';
import { OneTimeTokenService } from './one-time-token.service';
import { OrganisationService } from './organisation.service';
import { PasswordService } from './password.service';

export interface CreateUserInput {
  email: string;
  displayName: string;
  organisationId?: string | null;
  role: Role;
  countryCode?: string;
  language?: Language;
  password?: string;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  language: Language;
  organisationId: string | null;
  roles: { role: Role; countryCode: string | null }[];
}


export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

@Injectable()
export class UserService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly organisations: OrganisationService,
    private readonly passwords: PasswordService,
    private readonly tokens: OneTimeTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(scope: AccessScope, input: CreateUserInput): Promise<UserView> {
    const organisation = input.organisationId ? await this.organisations.get(scope, input.organisationId) : null;
    this.authorise(scope, input, organisation);
    this.validate(input, organisation);
    const passwordHash = input.password ? await this.passwords.hash(input.password) : null;
    return this.tx.run((manager) => this.insert(manager, scope.actor, input, organisation, passwordHash));
  }

  /** Used by the seed and by create(): writes user, membership, audit and welcome mail together. */
  async insert(
    manager: EntityManager,
    actor: Actor,
    input: CreateUserInput,
    organisation: Organisation | null,
    passwordHash: string | null,
  ): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    if (await manager.getRepository(User).exist({ where: { email } })) {
      throw new DomainException('EMAIL_TAKEN', `A user with email ${email} already exists`, [
        { field: 'email', reason: 'is already taken' },
      ]);
    }
    const user = manager.getRepository(User).create({
      email,
      displayName: input.displayName.trim(),
      organisationId: organisation?.id ?? null,
      language: input.language ?? organisation?.language ?? 'en',
      passwordHash,
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
      invited: !passwordHash,
    });
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
        invited: !passwordHash,
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

  /** Sets the password through an invitation link; the token is single-use. */
  async setPasswordWithToken(token: string, password: string, actor: Omit<Actor, 'userId' | 'organisationId'>): Promise<void> {
    const passwordHash = await this.passwords.hash(password);
    await this.tx.run(async (manager) => {
      const record = await this.tokens.findUsable(manager, SET_PASSWORD_PURPOSE, token);
      if (!record || !(await this.tokens.consume(manager, record))) {
        throw new DomainException('BAD_REQUEST', 'This link is invalid or has expired');
      }
      const user = await manager.getRepository(User).findOneOrFail({ where: { id: record.subjectId } });
      await manager.getRepository(User).update({ id: user.id }, { passwordHash });
      await this.audit.record(
        manager,
        { ...actor, userId: user.id, organisationId: user.organisationId },
        {
          action: 'user.password_set',
          subjectType: 'user',
          subjectId: user.id,
          organisationId: user.organisationId,
          changes: { via: 'invitation' },
        },
      );
    });
  }

  private authorise(scope: AccessScope, input: CreateUserInput, organisation: Organisation | null): void {
    if (scope.isPlatformAdmin) return;
    const lead = scope.has('provider_lead');
    const ownProvider = organisation?.id === scope.organisationId;
    const customerOfLead = organisation?.kind === 'customer';
    if (!lead || input.role === 'platform_admin' || !(ownProvider || customerOfLead)) {
      throw new ForbiddenException(
        'Only a platform admin, or a provider lead for its own provider and its customers, creates users',
      );
    }
  }

  private validate(input: CreateUserInput, organisation: Organisation | null): void {
    const requiredKind = organisationKindForRole(input.role);
    if (requiredKind === null && organisation) {
      throw new ValidationException([{ field: 'organisationId', reason: 'must be empty for platform_admin' }]);
    }
    if (requiredKind !== null && !organisation) {
      throw new ValidationException([{ field: 'organisationId', reason: `is required for role ${input.role}` }]);
    }
    if (organisation && requiredKind !== organisation.kind) {
      throw new ValidationException([
        { field: 'role', reason: `${input.role} needs a ${requiredKind} organisation, not a ${organisation.kind}` },
      ]);
    }
    if (input.role === 'customer_it' && !input.countryCode) {
      throw new ValidationException([{ field: 'countryCode', reason: 'is required for customer_it' }]);
    }
    if (organisation && organisation.emailDomains.length > 0) {
      const domain = emailDomain(input.email);
      if (!organisation.emailDomains.includes(domain)) {
        throw new ValidationException([
          { field: 'email', reason: `must be in the organisation's domains (${organisation.emailDomains.join(', ')})` },
        ]);
      }
    }
  }

  private toView(user: User, memberships: Membership[]): UserView {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      language: user.language,
      organisationId: user.organisationId,
      roles: memberships.map((m) => ({ role: m.role, countryCode: m.countryCode })),
    };
  }
}
