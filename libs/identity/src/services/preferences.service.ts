import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { isTimeZone, TransactionRunner, ValidationException } from '@app/platform';
import { User } from '../entities/user.entity';
import { Language, LANGUAGES } from '@app/access';
import { AccessScope } from '@app/access';

export interface PreferencesInput {
  language?: unknown;
  /** An IANA zone, or null to read times in the organisation's (or country's) zone again. */
  timeZone?: unknown;
}

export interface Preferences {
  language: Language;
  /** What the person chose; null when they follow their organisation's zone. */
  timeZone: string | null;
}

/** A person's own language and time zone: only they change them; every change is audited. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** The zone the person chose themselves, or null when they follow their organisation's. */
  async chosenTimeZone(userId: string): Promise<string | null> {
    return (await this.tx.manager.getRepository(User).findOneBy({ id: userId }))?.timeZone ?? null;
  }

  async update(scope: AccessScope, input: PreferencesInput): Promise<Preferences> {
    const errors: { field: string; reason: string }[] = [];
    if (
      input.language !== undefined &&
      !(LANGUAGES as readonly unknown[]).includes(input.language)
    ) {
      errors.push({ field: 'language', reason: `must be one of ${LANGUAGES.join(', ')}` });
    }
    if (input.timeZone !== undefined && input.timeZone !== null && !isTimeZone(input.timeZone)) {
      errors.push({
        field: 'timeZone',
        reason:
          'must be an IANA time zone such as Asia/Tokyo or Europe/London (or null for your organisation’s)',
      });
    }
    if (errors.length > 0) throw new ValidationException(errors);
    return this.tx.run(async (manager) => {
      const repository = manager.getRepository(User);
      const user = await repository.findOneByOrFail({ id: scope.userId });
      const before: Preferences = { language: user.language, timeZone: user.timeZone };
      const after: Preferences = {
        language: input.language === undefined ? user.language : (input.language as Language),
        timeZone: input.timeZone === undefined ? user.timeZone : (input.timeZone as string | null),
      };
      if (after.language === before.language && after.timeZone === before.timeZone) return after;
      await repository.update(user.id, after);
      await this.audit.record(manager, scope.actor, {
        action: 'user.preferences_changed',
        subjectType: 'user',
        subjectId: user.id,
        organisationId: user.organisationId,
        changes: { from: before, to: after },
      });
      return after;
    });
  }
}
