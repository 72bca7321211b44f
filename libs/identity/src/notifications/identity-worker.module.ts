import { Module } from '@nestjs/common';
import { NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { OneTimeTokenService } from '../services/one-time-token.service';
import { ReaderZones } from '../services/reader-zones.service';
import { PasswordResetHandler } from './password-reset.handler';
import { UserAddedNoticeHandler } from './user-added-notice.handler';

/** For the worker (and the embedded API): the handlers of identity's own mails. */
@Module({
  imports: [NotifyWorkerModule, ClockModule],
  providers: [UserAddedNoticeHandler, PasswordResetHandler, OneTimeTokenService, ReaderZones],
})
export class IdentityWorkerModule {}
