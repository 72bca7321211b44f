import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { PastIncidentsService } from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import { CreatePastIncidentDto } from './past-incident.dto';

/** Incidents the customer suffered before, and whether today's block list would stop them. */
@ApiTags('past-incidents')
@ApiBearerAuth()
@Controller('api/engagements/:id')
export class PastIncidentsController {
  constructor(private readonly incidents: PastIncidentsService) {}

  @Get('past-incidents')
  @ApiOperation({ summary: 'The register of past incidents, newest first' })
  async list(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return { items: await this.incidents.list(scope, id) };
  }

  @Post('past-incidents')
  @ApiOperation({
    summary: 'Record a past incident with its indicators (provider lead or analyst)',
  })
  create(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreatePastIncidentDto,
  ) {
    return this.incidents.create(scope, id, body);
  }

  @Get('effectiveness-report')
  @ApiOperation({
    summary: 'For each past incident: would the block list have stopped it, and which IOC matched',
  })
  report(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.incidents.effectiveness(scope, id);
  }
}
