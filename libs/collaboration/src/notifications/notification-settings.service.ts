import { Injectable } from '@nestjs/common';
import { AccessScope } from '@app/access';
import { AuditService } from '@app/audit';
import {
  isMandatoryKind,
  NOTIFICATION_KINDS,
  NotificationChoices,
  NotificationChoicesInput,
  NotificationDelivery,
  NotificationKind,
  NotificationPreferences,
} from '@app/notify';
import { TransactionRunner } from '@app/platform';

/** One kind as a person's settings show it: mandatory kinds are immediate and locked. */
export interface NotificationSetting {
  kind: NotificationKind;
  delivery: NotificationDelivery;
  mandatory: boolean;
}

export interface NotificationSettings {
  kinds: NotificationSetting[];
  digestHour: number;
}

/** A person's own notification settings: only they read and change them; each change is audited. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly preferences: NotificationPreferences,
    private readonly audit: AuditService,
  ) {}

  async read(scope: AccessScope): Promise<NotificationSettings> {
    return this.settingsOf(await this.preferences.choices(scope.userId));
  }

  async update(scope: AccessScope, input: NotificationChoicesInput): Promise<NotificationSettings> {
    return this.tx.run(async (manager) => {
      const { before, after } = await this.preferences.change(manager, scope.userId, input);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        await this.audit.record(manager, scope.actor, {
          action: 'user.notification_preferences_changed',
          subjectType: 'user',
          subjectId: scope.userId,
          organisationId: scope.organisationId,
          changes: { from: before, to: after },
        });
      }
      return this.settingsOf(after);
    });
  }

  private settingsOf(choices: NotificationChoices): NotificationSettings {
    return {
      kinds: NOTIFICATION_KINDS.map((kind) =>
        isMandatoryKind(kind)
          ? { kind, delivery: 'immediate', mandatory: true }
          : { kind, delivery: choices.deliveries[kind], mandatory: false },
      ),
      digestHour: choices.digestHour,
    };
  }
}
