import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, Clock, DomainException } from '@app/platform';
import { DataSource, MoreThan } from 'typeorm';
import { LoginFailure } from '../entities/login-failure.entity';
import { User } from '../entities/user.entity';
import { PasswordService } from './password.service';

/** Checks a password and throttles repeated failures per email across every API process. */
@Injectable()
export class LoginService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async authenticate(rawEmail: string, password: string, ip: string | null): Promise<User> {
    const email = rawEmail.trim().toLowerCase();
    await this.refuseWhenThrottled(email);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !valid) {
      await this.dataSource.getRepository(LoginFailure).insert({ email, ip, createdAt: this.clock.now() });
      throw new DomainException('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    await this.dataSource.getRepository(LoginFailure).delete({ email });
    return user;
  }

  private async refuseWhenThrottled(email: string): Promise<void> {
    const windowStart = new Date(this.clock.nowMs() - this.config.loginWindowSeconds * 1000);
    const failures = await this.dataSource.getRepository(LoginFailure).count({
      where: { email, createdAt: MoreThan(windowStart) },
    });
    if (failures >= this.config.loginMaxFailures) {
      throw new DomainException(
        'TOO_MANY_REQUESTS',
        'Too many failed logins for this account; try again later',
        undefined,
        this.config.loginWindowSeconds,
      );
    }
  }
}
