import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotifyModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { IDENTITY_ENTITIES } from './entities';
import { EngagementService } from './services/engagement.service';
import { LoginService } from './services/login.service';
import { OneTimeTokenService } from './services/one-time-token.service';
import { OrganisationService } from './services/organisation.service';
import { PasswordService } from './services/password.service';
import { PreferencesService } from './services/preferences.service';
import { ReaderZones } from './services/reader-zones.service';
import { ScopeService } from './services/scope.service';
import { UserService } from './services/user.service';

const SERVICES = [
  EngagementService,
  LoginService,
  OneTimeTokenService,
  OrganisationService,
  PasswordService,
  PreferencesService,
  ReaderZones,
  ScopeService,
  UserService,
];

@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), NotifyModule, ClockModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class IdentityModule {}
