import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  DomainException,
  SecretCipher,
  TransactionRunner,
} from '@app/platform';
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { toString as qrToString } from 'qrcode';
import { EntityManager, IsNull } from 'typeorm';
import { User } from '../entities/user.entity';
import { UserRecoveryCode } from '../entities/user-recovery-code.entity';
import { UserTotp } from '../entities/user-totp.entity';
import { MfaRequirementService } from './mfa-requirement.service';
import { AccessScope } from '@app/access';
import { IdentityError } from '../identity-errors';

const PERIOD_SECONDS = 30;
const RECOVERY_CODES = 10;
const ISSUER = 'MDR Onboarding Portal';

export interface TotpEnrolment {
  /** The otpauth:// URI the QR code holds. */
  uri: string;
  /** The same secret in base32, for typing in by hand. */
  secret: string;
  /** The QR code as an SVG data URL (the portal's CSP allows data: images only). */
  qrCode: string;
}

export type SecondFactorMethod = 'totp' | 'recovery_code';

function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(code.replace(/[\s-]/g, '').toUpperCase(), 'utf8')
    .digest('hex');
}

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step either side) through the otpauth library, and
 * recovery codes. The secret is sealed at rest (AES-256-GCM under a key derived from
 * SESSION_SECRET, bound to the user id); a code's time step is remembered so it signs in once.
 */
@Injectable()
export class TotpService {
  private readonly cipher: SecretCipher;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly requirement: MfaRequirementService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cipher = new SecretCipher(config.sessionSecret, 'totp-secret');
  }

  async isEnabled(userId: string, manager: EntityManager = this.tx.manager): Promise<boolean> {
    return (
      (await manager
        .getRepository(UserTotp)
        .createQueryBuilder('t')
        .where('t.user_id = :userId AND t.confirmed_at IS NOT NULL', { userId })
        .getCount()) > 0
    );
  }

  /** A new secret to scan (replacing one not confirmed yet); 409 when TOTP is already on. */
  async startEnrolment(scope: AccessScope): Promise<TotpEnrolment> {
    if (await this.isEnabled(scope.userId))
      throw new IdentityError(
        'MFA_ALREADY_ENABLED',
        'An authenticator app is already set up; remove it first',
      );
    const secret = new Secret({ size: 20 });
    await this.tx.run(async (manager) => {
      await manager.getRepository(UserTotp).delete({ userId: scope.userId });
      await manager.getRepository(UserTotp).insert({
        userId: scope.userId,
        secretSealed: this.cipher.seal(secret.base32, scope.userId),
        createdAt: this.clock.now(),
        confirmedAt: null,
        lastUsedStep: null,
      });
      await this.audit.record(manager, scope.actor, {
        action: 'user.mfa_enrolment_started',
        subjectType: 'user',
        subjectId: scope.userId,
        organisationId: scope.organisationId,
        changes: { factor: 'totp' },
      });
    });
    const uri = this.totp(secret.base32, scope.grant.email).toString();
    const svg = await qrToString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return {
      uri,
      secret: secret.base32,
      qrCode: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
    };
  }

  /** The first right code turns TOTP on and answers the recovery codes, shown this once. */
  async confirmEnrolment(scope: AccessScope, code: string): Promise<string[]> {
    return this.tx.run(async (manager) => {
      const row = await this.rowFor(manager, scope.userId);
      if (!row || row.confirmedAt)
        throw new IdentityError('MFA_NOT_STARTED', 'Start setting up an authenticator app first');
      const step = this.acceptedStep(row, code);
      if (step === null)
        throw new DomainException('VALIDATION_FAILED', 'code: is not the current code of the app', [
          { field: 'code', reason: 'is not the current code of the app' },
        ]);
      await manager
        .getRepository(UserTotp)
        .update(
          { userId: scope.userId },
          { confirmedAt: this.clock.now(), lastUsedStep: String(step) },
        );
      const codes = await this.replaceRecoveryCodes(manager, scope.userId);
      await this.audit.record(manager, scope.actor, {
        action: 'user.mfa_enabled',
        subjectType: 'user',
        subjectId: scope.userId,
        organisationId: scope.organisationId,
        changes: { factor: 'totp', recoveryCodes: codes.length },
      });
      return codes;
    });
  }

  /**
   * Removes the app and the recovery codes; a current code (or a recovery code) proves it is the
   * owner. 409 while the person must have a second factor and this is their last one.
   */
  async disable(scope: AccessScope, code: string): Promise<void> {
    await this.tx.run(async (manager) => {
      // The person's passkeys remain as second factors.
      const passkeys = await manager.query(
        `SELECT count(*)::int AS n FROM user_passkey WHERE user_id = $1`,
        [scope.userId],
      );
      await this.requirement.refuseRemovingLastFactor(manager, scope.userId, passkeys[0].n);
      if ((await this.verify(manager, scope.userId, code)) === null) {
        throw new DomainException(
          'VALIDATION_FAILED',
          'code: is not a current code or an unused recovery code',
          [{ field: 'code', reason: 'is not a current code or an unused recovery code' }],
        );
      }
      await manager.getRepository(UserTotp).delete({ userId: scope.userId });
      await manager.getRepository(UserRecoveryCode).delete({ userId: scope.userId });
      await this.audit.record(manager, scope.actor, {
        action: 'user.mfa_disabled',
        subjectType: 'user',
        subjectId: scope.userId,
        organisationId: scope.organisationId,
        changes: { factor: 'totp' },
      });
    });
  }

  /**
   * Checks a second factor at sign-in: a current TOTP code not used before, or an unused recovery
   * code (spent now). Null when neither. Audits a spent recovery code.
   */
  verifyForSignIn(
    user: Pick<User, 'id' | 'organisationId'>,
    code: string,
    actor: { ip: string | null; userAgent: string | null },
  ): Promise<SecondFactorMethod | null> {
    return this.tx.run(async (manager) => {
      const method = await this.verify(manager, user.id, code);
      if (method === 'recovery_code') {
        await this.audit.record(
          manager,
          { ...actor, userId: user.id, organisationId: user.organisationId },
          {
            action: 'user.recovery_code_used',
            subjectType: 'user',
            subjectId: user.id,
            organisationId: user.organisationId,
            changes: {},
          },
        );
      }
      return method;
    });
  }

  private async verify(
    manager: EntityManager,
    userId: string,
    code: string,
  ): Promise<SecondFactorMethod | null> {
    const row = await this.rowFor(manager, userId);
    if (!row?.confirmedAt) return null;
    const step = this.acceptedStep(row, code);
    if (step !== null) {
      // Conditional: two requests with the same code, only one wins.
      const moved = await manager
        .createQueryBuilder()
        .update(UserTotp)
        .set({ lastUsedStep: String(step) })
        .where('user_id = :userId AND (last_used_step IS NULL OR last_used_step < :step)', {
          userId,
          step,
        })
        .execute();
      return (moved.affected ?? 0) === 1 ? 'totp' : null;
    }
    if (!/^[A-Za-z0-9\s-]{8,40}$/.test(code)) return null;
    const spent = await manager
      .createQueryBuilder()
      .update(UserRecoveryCode)
      .set({ usedAt: this.clock.now() })
      .where('user_id = :userId AND code_hash = :hash AND used_at IS NULL', {
        userId,
        hash: hashRecoveryCode(code),
      })
      .execute();
    return (spent.affected ?? 0) === 1 ? 'recovery_code' : null;
  }

  /** The time step of a right code (one step of drift either side) not used before; else null. */
  private acceptedStep(row: UserTotp, code: string): number | null {
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) return null;
    const secret = this.cipher.open(row.secretSealed, row.userId);
    const now = this.clock.nowMs();
    const delta = this.totp(secret, '').validate({ token: digits, timestamp: now, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
    if (row.lastUsedStep !== null && step <= Number(row.lastUsedStep)) return null;
    return step;
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: string): Promise<string[]> {
    await manager.getRepository(UserRecoveryCode).delete({ userId });
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = randomBytes(10).toString('hex').toUpperCase();
      return `${raw.slice(0, 5)}-${raw.slice(5, 10)}-${raw.slice(10, 15)}-${raw.slice(15, 20)}`;
    });
    const now = this.clock.now();
    await manager.getRepository(UserRecoveryCode).insert(
      codes.map((code) => ({
        userId,
        codeHash: hashRecoveryCode(code),
        createdAt: now,
        usedAt: null,
      })),
    );
    return codes;
  }

  /** In the caller's transaction, locked: enrolment and sign-in checks of one user go one at a time. */
  private rowFor(manager: EntityManager, userId: string): Promise<UserTotp | null> {
    return manager
      .getRepository(UserTotp)
      .createQueryBuilder('t')
      .addSelect('t.secretSealed')
      .where('t.user_id = :userId', { userId })
      .setLock('pessimistic_write')
      .getOne();
  }

  private totp(base32: string, label: string): TOTP {
    return new TOTP({
      issuer: ISSUER,
      label,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD_SECONDS,
      secret: Secret.fromBase32(base32),
    });
  }
}

/** How many recovery codes of a user are still unused (for their account page). */
export async function unusedRecoveryCodes(manager: EntityManager, userId: string): Promise<number> {
  return manager.getRepository(UserRecoveryCode).count({ where: { userId, usedAt: IsNull() } });
}
