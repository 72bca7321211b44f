import { Module } from '@nestjs/common';
import { NotifyWorkerModule } from '@app/notify';
import { UserAddedNoticeHandler } from './user-added-notice.handler';

/** For the worker (and the embedded API): the handlers of identity's own mails. */
@Module({
  imports: [NotifyWorkerModule],
  providers: [UserAddedNoticeHandler],
})
export class IdentityWorkerModule {}
