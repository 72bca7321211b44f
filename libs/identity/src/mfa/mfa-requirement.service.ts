import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import type { OrganisationKind, Role } from '@app/access';
import { APP_CONFIG, AppConfig, TransactionRunner } from '@app/platform';
import { IdentityError } from '../identity-errors';
import { EntityManager } from 'typeorm';
import type { User } from '../entities/user.entity';
import {
  AuthMethod,
  hasSecondFactorSql,
  mfaEnrolmentRequired,
  MfaPolicyFacts,
  mfaRequired,
} from './mfa-requirement';

interface FactsRow {
  require_mfa: boolean | null;
  kind: OrganisationKind | null;
  roles: Role[] | null;
  has_second_factor: boolean;
}

/**
 * The MFA policy at the moments it is not read from the caller's grant: a sign-in before any
 * session exists, and a person removing a factor. The per-request check is in ScopeService.
 */
@Injectable()
export class MfaRequirementService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * After a right password: a person who must have a second factor and has none gets no
   * session from this sign-in (403 MFA_ENROLMENT_REQUIRED, audited); they set one up in the portal.
   */
  async refuseUnenrolledSignIn(
    user: Pick<User, 'id' | 'organisationId'>,
    actor: { ip: string | null; userAgent: string | null },
    authMethod: AuthMethod,
  ): Promise<void> {
    const { policy, hasSecondFactor } = await this.factsOf(this.tx.manager, user.id);
    if (!mfaEnrolmentRequired(policy, { authMethod, hasSecondFactor })) return;
    await this.tx.run((manager) =>
      this.audit.record(
        manager,
        { ...actor, userId: user.id, organisationId: user.organisationId },
        {
          action: 'user.sign_in_refused_mfa_enrolment',
          subjectType: 'user',
          subjectId: user.id,
          organisationId: user.organisationId,
          changes: { authMethod, organisationRequiresMfa: policy.organisationRequiresMfa },
        },
      ),
    );
    throw new IdentityError(
      'MFA_ENROLMENT_REQUIRED',
      'Two-step sign-in is required for this account: sign in to the portal and set up an authenticator app at /account/mfa first',
    );
  }

  /** 409 when the person must have a second factor and `remaining` (after the removal) would be none. */
  async refuseRemovingLastFactor(
    manager: EntityManager,
    userId: string,
    remaining: number,
  ): Promise<void> {
    if (remaining > 0) return;
    const { policy } = await this.factsOf(manager, userId);
    if (!mfaRequired(policy)) return;
    const why = policy.organisationRequiresMfa
      ? 'Your organisation requires two-step sign-in'
      : 'Two-step sign-in is required for provider staff and platform admins';
    throw new IdentityError(
      'MFA_LAST_FACTOR',
      `${why}: this is your last second factor, so it cannot be removed (set up another one first)`,
    );
  }

  private async factsOf(
    manager: EntityManager,
    userId: string,
  ): Promise<{ policy: MfaPolicyFacts; hasSecondFactor: boolean }> {
    const [row] = (await manager.query(
      // (The SQL is built from a constant: no input reaches it.)
      `SELECT o.require_mfa, o.kind, array_remove(array_agg(m.role), NULL) AS roles,
              ${hasSecondFactorSql('u')} AS has_second_factor
         FROM app_user u
         LEFT JOIN organisation o ON o.id = u.organisation_id
         LEFT JOIN membership m ON m.user_id = u.id
        WHERE u.id = $1
        GROUP BY u.id, o.require_mfa, o.kind`,
      [userId],
    )) as FactsRow[];
    return {
      policy: {
        organisationRequiresMfa: row?.require_mfa === true,
        organisationKind: row?.kind ?? null,
        roles: row?.roles ?? [],
        providerRule: this.config.mfaRequiredForProvider,
      },
      hasSecondFactor: row?.has_second_factor === true,
    };
  }
}
