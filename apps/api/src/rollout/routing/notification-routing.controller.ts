import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { NotificationRoutingService } from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import { SetRoutingDto } from './routing.dto';

/** Who is told about detections: each country's IT staff, or headquarters first. */
@ApiTags('notification-routing')
@ApiBearerAuth()
@Controller('api/engagements/:id/notification-routing')
export class NotificationRoutingController {
  constructor(private readonly routing: NotificationRoutingService) {}

  @Get()
  @ApiOperation({
    summary: 'The mode, headquarters, country IT staff and where each country routes',
  })
  view(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.routing.view(scope, id);
  }

  @Put()
  @ApiOperation({ summary: 'Set the mode; the first set-up answers the webhook secret once' })
  set(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SetRoutingDto,
  ) {
    return this.routing.setMode(scope, id, body.mode);
  }

  @Post('secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the webhook secret; the new one is answered once' })
  rotate(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.routing.rotateSecret(scope, id);
  }
}
