import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { GroupsOverview, GroupsService, GroupView } from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import { CreateGroupDto, GroupDto, PolicyDto } from './group.dto';

/** Endpoint groups of an engagement and each group's one policy. */
@ApiTags('roll-out groups')
@ApiBearerAuth()
@Controller('api/engagements/:id')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get('groups')
  @ApiOperation({
    summary:
      'Groups with policies and member counts, and which endpoints are in no group or in several',
  })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<GroupsOverview> {
    return this.groups.overview(scope, id);
  }

  @Get('policies')
  @ApiOperation({ summary: 'Every group’s policy' })
  async policies(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<object[]> {
    const overview = await this.groups.overview(scope, id);
    return overview.groups.map((g) => ({
      groupId: g.id,
      groupName: g.name,
      kind: g.kind,
      ...g.policy,
    }));
  }

  @Post('groups')
  @ApiOperation({
    summary: 'New group by rule or explicit list, with its policy (provider lead/analyst)',
  })
  create(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateGroupDto,
  ): Promise<GroupView> {
    return this.groups.create(scope, id, body);
  }

  @Put('groups/:groupId')
  @ApiOperation({
    summary: 'Replace a group’s name, kind, priority and rule or list (provider lead/analyst)',
  })
  update(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('groupId', uuidParam('groupId')) groupId: string,
    @Body() body: GroupDto,
  ): Promise<GroupView> {
    return this.groups.update(scope, id, groupId, body);
  }

  @Delete('groups/:groupId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a group with its policy and tuning log (provider lead/analyst)',
  })
  remove(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('groupId', uuidParam('groupId')) groupId: string,
  ): Promise<void> {
    return this.groups.remove(scope, id, groupId);
  }

  @Put('groups/:groupId/policy')
  @ApiOperation({
    summary: 'Set a group’s policy; recorded as a policy change (provider lead/analyst)',
  })
  policy(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('groupId', uuidParam('groupId')) groupId: string,
    @Body() body: PolicyDto,
  ): Promise<GroupView> {
    return this.groups.setPolicy(scope, id, groupId, {
      mode: body.mode,
      quarantine: body.quarantine,
      updates: body.updates,
      maxConcurrentUpdates: body.maxConcurrentUpdates,
    });
  }
}
