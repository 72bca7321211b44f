import { StepUpDto } from '../auth/step-up.dto';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { IncidentProgressService, IncidentsService, ResponseActionsService } from '@app/incidents';
import { CurrentScope } from '../auth/current-scope.decorator';
import { paging } from '../common/paging.dto';
import { uuidParam } from '../common/uuid-param';
import {
  CompleteTaskDto,
  IncidentListQueryDto,
  IncidentStatusDto,
  OpenIncidentDto,
  RequestActionDto,
  TaskNotApplicableDto,
} from './incident.dto';
import { ApiKeyScope } from '../auth/api-key-scope.decorator';

/**
 * Incidents of a started service: provider staff open and run them; the customer reads them
 * and its security lead decides the response actions that wait for approval.
 */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/engagements/:id/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly progress: IncidentProgressService,
    private readonly actions: ResponseActionsService,
  ) {}

  @ApiKeyScope('incidents:read')
  @Get()
  @ApiOperation({
    summary: 'Incidents of the engagement, newest first (filter by status, severity)',
  })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: IncidentListQueryDto,
  ) {
    return this.incidents.list(
      scope,
      id,
      { status: query.status, severity: query.severity },
      paging(query),
    );
  }

  @ApiKeyScope('incidents:write')
  @Post()
  @ApiOperation({
    summary:
      'Open an incident, or escalate a detection (provider lead or analyst; service started)',
  })
  open(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: OpenIncidentDto,
  ) {
    return this.incidents.open(scope, id, body);
  }

  @ApiKeyScope('incidents:read')
  @Get(':incidentId')
  @ApiOperation({
    summary: 'One incident with its timeline, tasks, response actions and SLA breaches',
  })
  get(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
  ) {
    return this.incidents.get(scope, id, incidentId);
  }

  @ApiKeyScope('incidents:write')
  @Post(':incidentId/acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Acknowledge (stops the acknowledge timer; a late one records the breach)',
  })
  async acknowledge(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
  ) {
    await this.progress.acknowledge(scope, id, incidentId);
    return this.incidents.get(scope, id, incidentId);
  }

  @ApiKeyScope('incidents:write')
  @Post(':incidentId/respond')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the first response (stops the respond timer; a late one records the breach)',
  })
  async respond(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
  ) {
    await this.progress.respond(scope, id, incidentId);
    return this.incidents.get(scope, id, incidentId);
  }

  @ApiKeyScope('incidents:write')
  @Post(':incidentId/status')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move the status forward (new → triaged → contained → resolved → closed; resolved → triaged reopens)',
  })
  async status(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Body() body: IncidentStatusDto,
  ) {
    await this.progress.changeStatus(scope, id, incidentId, body.status, body.note);
    return this.incidents.get(scope, id, incidentId);
  }

  @ApiKeyScope('incidents:write')
  @Post(':incidentId/tasks/:taskId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a runbook task' })
  async completeTask(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Param('taskId', uuidParam('taskId')) taskId: string,
    @Body() body: CompleteTaskDto,
  ) {
    await this.progress.completeTask(scope, id, incidentId, taskId, body.note);
    return this.incidents.get(scope, id, incidentId);
  }

  @ApiKeyScope('incidents:write')
  @Post(':incidentId/tasks/:taskId/not-applicable')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Mark a runbook task as not applicable to this incident, with the reason (an incident closes only when no task is open)',
  })
  async taskNotApplicable(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Param('taskId', uuidParam('taskId')) taskId: string,
    @Body() body: TaskNotApplicableDto,
  ) {
    await this.progress.markTaskNotApplicable(scope, id, incidentId, taskId, body.reason);
    return this.incidents.get(scope, id, incidentId);
  }

  @ApiKeyScope('incidents:write')
  @Post(':incidentId/actions')
  @ApiOperation({
    summary:
      "Request a response action; the agreement's mode decides whether it runs now or waits for the customer",
  })
  requestAction(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Body() body: RequestActionDto,
  ) {
    return this.actions.request(scope, id, incidentId, body);
  }

  @Post(':incidentId/actions/:actionId/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Approve a waiting response action (the customer's security lead), re-authenticated with your strongest factor: passkey, else authenticator app code, else password (400 names the field needed)",
  })
  approve(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Param('actionId', uuidParam('actionId')) actionId: string,
    @Body() body: StepUpDto,
  ) {
    return this.actions.decide(scope, id, incidentId, actionId, true, body);
  }

  @Post(':incidentId/actions/:actionId/decline')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Decline a waiting response action (the customer's security lead), re-authenticated like an approval",
  })
  decline(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Param('actionId', uuidParam('actionId')) actionId: string,
    @Body() body: StepUpDto,
  ) {
    return this.actions.decide(scope, id, incidentId, actionId, false, body);
  }
}
