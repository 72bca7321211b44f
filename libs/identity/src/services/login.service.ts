import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException } from '@app/platform';
import { DataSource } from 'typeorm';
import { User } from '../entities/user.entity';
import { KeyedSerializer } from './keyed-serializer';
import { addressKey, LoginThrottle } from './login-throttle';
import { PasswordService } from './password.service';

/**
 * Checks a password, slowed by the LoginThrottle per account and per client address. Used by
 * every place a password is typed: the API and portal sign-ins, signing a document, changing
 * the password. A disabled user's password is refused like a wrong one.
 */
@Injectable()
export class LoginService {
  /**
   * One try at a time per (account, address) in this process: a burst of parallel guesses is
   * checked one after another, each seeing the failures before it, while parallel sign-ins with
   * the right password (a script, two tabs) are not mistaken for failures.
   */
  private readonly tries = new KeyedSerializer();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottle,
  ) {}

  authenticate(rawEmail: string, password: string, ip: string | null): Promise<User> {
    const email = rawEmail.trim().toLowerCase();
    const address = addressKey(ip);
    return this.tries.run(`${email}\n${address}`, () => this.check(email, password, address));
  }

  private async check(email: string, password: string, address: string): Promise<User> {
    const manager = this.dataSource.manager;
    await this.throttle.refuseWhenSlowed(manager, email, address);
    await this.throttle.recordAttempt(manager, email, address);
    const user = await manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || user.disabledAt) {
      throw new DomainException('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    await this.throttle.succeeded(manager, email, address);
    return user;
  }
}
