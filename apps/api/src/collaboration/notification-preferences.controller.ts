import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { NotificationSettings, NotificationSettingsService } from '@app/collaboration';
import { CurrentScope } from '../auth/current-scope.decorator';
import { NotificationPreferencesDto } from './notification-preferences.dto';

/** Your own notification settings: every signed-in person has them, for themselves only. */
@ApiTags('notifications')
@Controller('api/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'How each kind of notification reaches you (immediate, digest or off; mandatory kinds are immediate and locked) and the local hour of your daily digest',
  })
  read(@CurrentScope() scope: AccessScope): Promise<NotificationSettings> {
    return this.settings.read(scope);
  }

  @Put()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Change how kinds of notification reach you and your digest hour (audited); a mandatory kind set to digest or off answers 409 NOTIFICATION_KIND_MANDATORY',
  })
  update(
    @CurrentScope() scope: AccessScope,
    @Body() body: NotificationPreferencesDto,
  ): Promise<NotificationSettings> {
    return this.settings.update(scope, body);
  }
}
