import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { EscalationsService, IncidentsService, IncidentWebhooks } from '@app/incidents';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { IncidentWebhooksDto } from './incident-webhooks.dto';

/** Escalation to the agreement's contacts, and the chat/ticketing webhooks that hear of incidents. */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/engagements/:id')
export class IncidentEscalationsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly escalations: EscalationsService,
    private readonly webhooks: IncidentWebhooks,
  ) {}

  @Post('incidents/:incidentId/escalate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Escalate again from the first contact, in order, in working hours (provider lead or analyst)',
  })
  async escalate(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
  ) {
    await this.escalations.escalate(scope, id, incidentId);
    return this.incidents.get(scope, id, incidentId);
  }

  @Post('incidents/:incidentId/escalations/:escalationId/acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary: "Acknowledge the escalation call waiting on the incident (the customer's people)",
  })
  async acknowledge(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Param('escalationId', uuidParam('escalationId')) escalationId: string,
  ) {
    await this.escalations.acknowledge(scope, id, incidentId, escalationId);
    return this.incidents.get(scope, id, incidentId);
  }

  @Put('incident-webhooks')
  @ApiOperation({
    summary:
      'Set the chat and ticketing webhook URLs (provider lead); the signing secret is shown once, when generated',
  })
  configureWebhooks(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: IncidentWebhooksDto,
  ) {
    return this.webhooks.configure(scope, id, body);
  }
}
