import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
  TemplatedMailer,
  UserAddedNoticePayload,
} from '@app/notify';
import { APP_CONFIG, AppConfig } from '@app/platform';
// Role names as the mails show them; one table for every mail (a leaf module of type imports only).
import { roleLabel } from '@app/access';
import { DataSource } from 'typeorm';
import type { Language } from '@app/access';

interface PersonRow {
  display_name: string;
  email: string;
  language: Language;
  disabled: boolean;
  organisation_name: string | null;
  role: string | null;
}

/** Tells a customer's security lead who was added to their organisation, in their language. */
@Injectable()
export class UserAddedNoticeHandler implements JobHandler<'user-added-notice'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: TemplatedMailer,
    private readonly ledger: NotificationLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: JobHandlerRegistry,
  ) {
    registry.register('user-added-notice', this);
  }

  async handle(outboxId: string, payload: UserAddedNoticePayload): Promise<void> {
    const [recipient, added, addedBy] = await Promise.all([
      this.person(payload.recipientUserId),
      this.person(payload.addedUserId),
      payload.addedByUserId ? this.person(payload.addedByUserId) : Promise.resolve(null),
    ]);
    if (!recipient || recipient.disabled || !added) return;
    await this.ledger.once(outboxId, 'user-added-notice', () =>
      this.mailer.send(
        recipient.email,
        'user-added-notice',
        recipient.language,
        {
          displayName: recipient.display_name,
          organisationName: added.organisation_name ?? '',
          addedName: added.display_name,
          addedEmail: added.email,
          roleLabel: roleLabel(added.role ?? '', recipient.language),
          addedByName: addedBy?.display_name ?? null,
          addedByOrganisation: addedBy
            ? (addedBy.organisation_name ?? roleLabel('platform_admin', recipient.language))
            : null,
          loginUrl: `${this.config.publicUrl}/login`,
        },
        outboxId,
      ),
    );
  }

  private async person(userId: string): Promise<PersonRow | null> {
    const [row] = (await this.dataSource.query(
      `SELECT u.display_name, u.email, u.language, u.disabled_at IS NOT NULL AS disabled, o.name AS organisation_name,
              (SELECT m.role FROM membership m WHERE m.user_id = u.id ORDER BY m.created_at LIMIT 1) AS role
         FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id
        WHERE u.id = $1`,
      [userId],
    )) as PersonRow[];
    return row ?? null;
  }
}
