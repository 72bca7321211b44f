import { Inject, Injectable } from '@nestjs/common';
import type { Language } from '@app/access';
import {
  CheckpointStatementPayload,
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
  TemplatedMailer,
} from '@app/notify';
import { ReaderZones } from '@app/identity';
import { APP_CONFIG, AppConfig, formatMoment, TransactionRunner } from '@app/platform';
import { CheckpointReason, CheckpointStatement } from './entities';
import { CheckpointStatements, statementCode } from './checkpoint-statements.service';
import { PROOF_MESSAGE_FILES } from './messages/proof-messages';

/** Why the checkpoint was signed (`checkpointReason.*` in the proof catalog), typed per reason. */
const REASON: Readonly<Record<Language, Readonly<Record<CheckpointReason, string>>>> = {
  ja: PROOF_MESSAGE_FILES.ja.checkpointReason,
  en: PROOF_MESSAGE_FILES.en.checkpointReason,
  zh: PROOF_MESSAGE_FILES.zh.checkpointReason,
};

function checkpointReasonLabel(reason: CheckpointReason, language: Language): string {
  return REASON[language][reason];
}

/** Mails one security lead their engagement's statement of a signed checkpoint, in their language. */
@Injectable()
export class CheckpointStatementMailHandler implements JobHandler<'checkpoint-statement'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly statements: CheckpointStatements,
    private readonly ledger: NotificationLedger,
    private readonly mailer: TemplatedMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly zones: ReaderZones,
    registry: JobHandlerRegistry,
  ) {
    registry.register('checkpoint-statement', this);
  }

  async handle(outboxId: string, payload: CheckpointStatementPayload): Promise<void> {
    await this.ledger.once(outboxId, 'checkpoint-statement', async () => {
      const manager = this.tx.manager;
      const statement = await manager
        .getRepository(CheckpointStatement)
        .findOneBy({ id: payload.statementId });
      const [user] = (await manager.query(
        `SELECT email, display_name AS "displayName", language, organisation_id AS "organisationId" FROM app_user WHERE id = $1`,
        [payload.userId],
      )) as {
        email: string;
        displayName: string;
        language: Language;
        organisationId: string | null;
      }[];
      if (!statement || !user) return;
      const [names] = (await manager.query(
        `SELECT e.name AS "engagementName", c.name AS "customerName" FROM engagement e JOIN organisation c ON c.id = e.customer_organisation_id WHERE e.id = $1`,
        [statement.engagementId],
      )) as { engagementName: string; customerName: string }[];
      const document = await this.statements.document(
        manager,
        statement.checkpointId,
        statement.engagementId,
      );
      await this.mailer.send(
        user.email,
        'checkpoint-statement',
        user.language,
        {
          displayName: user.displayName,
          customerName: names.customerName,
          engagementName: names.engagementName,
          issuedAt: formatMoment(
            new Date(document.checkpoint.issuedAt),
            { language: user.language, timeZone: await this.zones.ofUser(payload.userId, manager) },
            'long',
          ),
          reason: checkpointReasonLabel(document.checkpoint.reason, user.language),
          chainSeq: document.head.seq,
          chainHash: document.head.hash,
          root: document.checkpoint.root,
          keyId: document.key.keyId,
          code: statementCode(document),
          link: `${this.config.publicUrl}/engagements/${statement.engagementId}/checkpoints`,
        },
        outboxId,
      );
    });
  }
}
