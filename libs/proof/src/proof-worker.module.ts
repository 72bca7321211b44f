import { IdentityModule } from '@app/identity';
import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { MAIL_QUEUE, NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { CheckpointIntervalHandler } from './checkpoint-interval.handler';
import { ProofModule } from './proof.module';
import { CheckpointStatementMailHandler } from './statement-mail.handler';

/** For the worker (and the embedded API): the interval's checkpoints and the statement mail. */
@Module({
  imports: [
    ProofModule,
    IdentityModule,
    NotifyWorkerModule,
    ClockModule,
    BullModule.registerQueue({ name: MAIL_QUEUE }),
  ],
  providers: [CheckpointIntervalHandler, CheckpointStatementMailHandler],
})
export class ProofWorkerModule {}
