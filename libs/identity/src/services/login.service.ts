import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { DataSource } from 'typeorm';
import { User } from '../entities/user.entity';
import { TotpService } from '../mfa/totp.service';
import { SsoDirectory } from '../sso/sso-directory';
import { PasskeyService } from '../passkeys/passkey.service';
import { KeyedSerializer } from './keyed-serializer';
import { addressKey, LoginThrottle } from './login-throttle';
import { PasswordService } from './password.service';
import { IdentityError } from '../identity-errors';

/** The details of MFA_REQUIRED: the person's second factors and, with passkeys, a challenge. */
export interface SecondFactorDetails {
  factors: ('passkey' | 'totp')[];
  passkeyOptions: PublicKeyCredentialRequestOptionsJSON | null;
}

/**
 * Checks a password, slowed by the LoginThrottle per account and per client address. Used by
 * every place a password is typed: the API and portal sign-ins, signing a document, changing
 * the password. A disabled user's password is refused like a wrong one. Where the person's
 * organisation signs in through its own provider only, no password is checked at all
 * (PASSWORD_SIGN_IN_DISABLED): decided first from the address's domain, which tells nothing about
 * the account, then, once the password is right, from the person's organisation.
 */
@Injectable()
export class LoginService {
  /**
   * One try at a time per (account, address) in this process: a burst of parallel guesses is
   * checked one after another, each seeing the failures before it, while parallel sign-ins with
   * the right password (a script, two tabs) are not mistaken for failures. Across processes the
   * throttle's own lock (`LoginThrottle.admit`) keeps the count exact; this queue also keeps a
   * burst from holding more than one pooled connection per key here.
   */
  private readonly tries = new KeyedSerializer();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottle,
    private readonly totp: TotpService,
    private readonly sso: SsoDirectory,
    private readonly passkeys: PasskeyService,
  ) {}

  /** The password alone (a signer's, the current one of a change). */
  authenticate(rawEmail: string, password: string, ip: string | null): Promise<User> {
    return this.run(rawEmail, password, ip, null);
  }

  /**
   * Signing in: the password, then, for an account with an authenticator app, its code or a
   * recovery code (`code`). A wrong code counts as a failed sign-in (slowed like a wrong
   * password); a missing one answers MFA_REQUIRED.
   */
  signIn(
    rawEmail: string,
    password: string,
    request: { ip: string | null; userAgent: string | null },
    code: string | null,
  ): Promise<User> {
    return this.run(rawEmail, password, request.ip, async (user) => {
      const totp = await this.totp.isEnabled(user.id);
      const passkey = await this.passkeys.has(user.id);
      if (!totp && !passkey) return;
      if (!code)
        throw new IdentityError(
          'MFA_REQUIRED',
          'Enter the code of your authenticator app (otp), or a recovery code, or answer with a passkey',
          await this.secondFactorDetails(user.id, totp, passkey),
        );
      if (!totp || !(await this.totp.verifyForSignIn(user, code, request)))
        throw new IdentityError('INVALID_CREDENTIALS', 'Email, password or code is incorrect');
    });
  }

  /**
   * What the second step may be. With passkeys, a sign-in challenge issued now, after the right
   * password: answering it (POST /api/auth/login/passkey, portal /login/passkey) signs in.
   */
  private async secondFactorDetails(
    userId: string,
    totp: boolean,
    passkey: boolean,
  ): Promise<SecondFactorDetails> {
    const factors: ('passkey' | 'totp')[] = [
      ...(passkey ? (['passkey'] as const) : []),
      ...(totp ? (['totp'] as const) : []),
    ];
    return {
      factors,
      passkeyOptions: passkey ? await this.passkeys.assertionOptions(userId, 'sign_in') : null,
    };
  }

  private run(
    rawEmail: string,
    password: string,
    ip: string | null,
    secondFactor: ((user: User) => Promise<void>) | null,
  ): Promise<User> {
    const email = rawEmail.trim().toLowerCase();
    const address = addressKey(ip);
    return this.tries.run(`${email}\n${address}`, () =>
      this.check(email, password, address, secondFactor),
    );
  }

  private async check(
    email: string,
    password: string,
    address: string,
    secondFactor: ((user: User) => Promise<void>) | null,
  ): Promise<User> {
    const manager = this.dataSource.manager;
    if (await this.sso.passwordsDisabled(email, null, manager)) throw passwordSignInDisabled();
    await this.throttle.admit(manager, email, address);
    const user = await manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || user.disabledAt) {
      throw new IdentityError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    if (await this.sso.passwordsDisabled(email, user.organisationId, manager))
      throw passwordSignInDisabled();
    // Before `succeeded`: a wrong code stays counted as this try's failure.
    if (secondFactor) await secondFactor(user);
    await this.throttle.succeeded(manager, email, address);
    return user;
  }
}

export function passwordSignInDisabled(): IdentityError {
  return new IdentityError(
    'PASSWORD_SIGN_IN_DISABLED',
    'Your organisation signs in through its company sign-in; use it instead of a password',
  );
}
