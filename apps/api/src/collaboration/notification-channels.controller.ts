import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChannelView, NotificationChannelsService } from '@app/collaboration';
import { AccessScope } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { NotificationChannelDto } from './notification-channel.dto';

/**
 * The capabilities (`notification_channel.read`, `.manage`) are asked by the service with the
 * engagement as subject after its scoped lookup, not by a route guard, so another tenant's
 * engagement answers 404 to every role, as on every id route.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/engagements/:id/notification-channels')
export class NotificationChannelsController {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Get()
  @ApiOperation({
    summary:
      "The engagement's Slack and Teams channels and the events each is told of (provider staff, account managers, the customer's security lead); a URL is shown only as a hint",
  })
  async list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<{ items: ChannelView[] }> {
    return { items: await this.channels.list(scope, id) };
  }

  @Post()
  @ApiOperation({
    summary:
      'Add a Slack or Teams incoming-webhook channel (provider staff; audited). A URL that is not https or whose host is not public answers 400 CHANNEL_URL_REFUSED',
  })
  create(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: NotificationChannelDto,
  ): Promise<ChannelView> {
    return this.channels.create(scope, id, body);
  }

  @Delete(':channelId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a channel: it is told nothing more (provider staff; audited)' })
  @ApiNoContentResponse()
  async remove(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('channelId', uuidParam('channelId')) channelId: string,
  ): Promise<void> {
    await this.channels.remove(scope, id, channelId);
  }
}
