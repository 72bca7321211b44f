import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { ModeSwitchOverview, ModeSwitchService, ModeSwitchView } from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import { ModeSwitchRequestDto, RejectModeSwitchDto } from './phases.dto';

/** The detect-to-block switch per group: requested by the provider, decided by the customer. */
@ApiTags('roll-out phases')
@ApiBearerAuth()
@Controller('api/engagements/:id')
export class ModeSwitchController {
  constructor(private readonly switches: ModeSwitchService) {}

  @Get('mode-switches')
  @ApiOperation({
    summary: 'The tuning period, each group’s readiness for block mode, and every request',
  })
  overview(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<ModeSwitchOverview> {
    return this.switches.overview(scope, id);
  }

  @Post('groups/:groupId/mode-switch')
  @ApiOperation({
    summary:
      'Request the switch to block mode (provider lead/analyst); 409 with the reasons when not yet allowed',
  })
  request(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('groupId', uuidParam('groupId')) groupId: string,
    @Body() body: ModeSwitchRequestDto,
  ): Promise<ModeSwitchView> {
    return this.switches.request(scope, id, groupId, body.note);
  }

  @Post('groups/:groupId/mode-switch/:requestId/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve: the group’s policy becomes block mode (the customer’s security lead)',
  })
  approve(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('groupId', uuidParam('groupId')) groupId: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
  ): Promise<ModeSwitchView> {
    return this.switches.approve(scope, id, groupId, requestId);
  }

  @Post('groups/:groupId/mode-switch/:requestId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a reason (the customer’s security lead)' })
  reject(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('groupId', uuidParam('groupId')) groupId: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Body() body: RejectModeSwitchDto,
  ): Promise<ModeSwitchView> {
    return this.switches.reject(scope, id, groupId, requestId, body.reason);
  }
}
