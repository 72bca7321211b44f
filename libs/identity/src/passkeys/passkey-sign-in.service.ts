import { Injectable } from '@nestjs/common';
import { DomainException, TransactionRunner } from '@app/platform';
import { User } from '../entities/user.entity';
import { addressKey, LoginThrottle } from '../services/login-throttle';
import { PasskeyService } from './passkey.service';

/**
 * The second step of a sign-in with a passkey. Its challenge was issued only after the right
 * password (LoginService answered MFA_REQUIRED with it), for that person, single-use, for five
 * minutes: so answering it proves both factors, without the password being sent again.
 */
@Injectable()
export class PasskeySignInService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly passkeys: PasskeyService,
    private readonly throttle: LoginThrottle,
  ) {}

  async signIn(response: unknown, request: { ip: string | null; userAgent: string | null }): Promise<User> {
    const { userId } = await this.passkeys.verifyAssertion('sign_in', response, null, request);
    const user = await this.tx.manager.getRepository(User).findOneBy({ id: userId });
    if (!user || user.disabledAt) throw new DomainException('INVALID_CREDENTIALS', 'The passkey was not accepted; try again');
    // Both factors right: the failure the password step left counted (MFA_REQUIRED) is forgotten.
    await this.throttle.succeeded(this.tx.manager, user.email, addressKey(request.ip));
    return user;
  }
}
