import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@app/platform';
import { IdentityError } from '../identity-errors';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { User } from '../entities/user.entity';
import { addressKey, LoginThrottle } from '../services/login-throttle';
import { PasskeyService } from './passkey.service';

/**
 * Signing in with a passkey. As the second step: its challenge was issued only after the right
 * password (LoginService answered MFA_REQUIRED with it), for that person, single-use, for five
 * minutes, so answering it proves both factors without the password being sent again. Alone: a
 * `passwordless` challenge answered by a discoverable passkey with user verification (the
 * device's PIN or biometric is the second factor).
 */
@Injectable()
export class PasskeySignInService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly passkeys: PasskeyService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** A challenge for a passkey alone (no person named yet). */
  passwordlessOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.passkeys.assertionOptions(null, 'passwordless');
  }

  async signIn(
    response: unknown,
    request: { ip: string | null; userAgent: string | null },
  ): Promise<User> {
    const { userId } = await this.passkeys.verifyAssertion(
      ['sign_in', 'passwordless'],
      response,
      null,
      request,
    );
    const user = await this.tx.manager.getRepository(User).findOneBy({ id: userId });
    if (!user || user.disabledAt)
      throw new IdentityError('INVALID_CREDENTIALS', 'The passkey was not accepted; try again');
    // Both factors right: the failure the password step left counted (MFA_REQUIRED) is forgotten.
    await this.throttle.succeeded(this.tx.manager, user.email, addressKey(request.ip));
    return user;
  }
}
