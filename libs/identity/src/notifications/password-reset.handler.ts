import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
  PasswordResetPayload,
  TemplatedMailer,
} from '@app/notify';
import { APP_CONFIG, AppConfig, Clock, formatMoment } from '@app/platform';
import { DataSource } from 'typeorm';
import { User } from '../entities/user.entity';
import { OneTimeTokenService } from '../services/one-time-token.service';
import { PASSWORD_RESET_PURPOSE, PASSWORD_RESET_TTL_SECONDS } from '../services/password-reset';
import { ReaderZones } from '../services/reader-zones.service';

/**
 * Sends the "forgot password" link, in the user's language, its expiry in their time zone. The
 * token is issued here, when the mail goes out (never stored in the outbox), and spends any
 * earlier link of theirs: only the newest one works.
 */
@Injectable()
export class PasswordResetHandler implements JobHandler<'password-reset'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: TemplatedMailer,
    private readonly ledger: NotificationLedger,
    private readonly tokens: OneTimeTokenService,
    private readonly zones: ReaderZones,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: JobHandlerRegistry,
  ) {
    registry.register('password-reset', this);
  }

  async handle(outboxId: string, payload: PasswordResetPayload): Promise<void> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id: payload.userId } });
    if (!user || user.disabledAt) return;
    await this.ledger.once(outboxId, 'password-reset', async () => {
      const issued = await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE one_time_token SET used_at = $1 WHERE purpose = $2 AND subject_id = $3 AND used_at IS NULL`,
          [this.clock.now(), PASSWORD_RESET_PURPOSE, user.id],
        );
        return this.tokens.issue(manager, {
          purpose: PASSWORD_RESET_PURPOSE,
          subjectType: 'user',
          subjectId: user.id,
          recipient: user.email,
          ttlSeconds: PASSWORD_RESET_TTL_SECONDS,
        });
      });
      const timeZone = await this.zones.ofUser(user.id);
      await this.mailer.send(
        user.email,
        'password-reset',
        user.language,
        {
          displayName: user.displayName,
          resetUrl: `${this.config.publicUrl}/reset-password?token=${issued.token}`,
          minutes: PASSWORD_RESET_TTL_SECONDS / 60,
          expiresAt: formatMoment(issued.record.expiresAt, { language: user.language, timeZone }),
        },
        outboxId,
      );
    });
  }
}
