import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { IncidentReviewService } from '@app/incidents';
import { NotFoundException } from '@app/platform';
import { ApiKeyScope } from '../auth/api-key-scope.decorator';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { IncidentReviewDto } from './incident-review.dto';

/**
 * The post-incident review of an incident: recorded by provider staff, read by both parties. No
 * @Can on the route: the service asks `incident.review.record` after the scoped lookup, so
 * another tenant's incident answers 404 to every role, as the other incident routes do.
 */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/engagements/:id/incidents/:incidentId/review')
export class IncidentReviewController {
  constructor(private readonly reviews: IncidentReviewService) {}

  @ApiKeyScope('incidents:read')
  @Get()
  @ApiOperation({ summary: 'The post-incident review (404 while none was recorded)' })
  async get(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
  ) {
    const review = await this.reviews.get(scope, id, incidentId);
    if (!review) throw new NotFoundException('Post-incident review');
    return review;
  }

  @ApiKeyScope('incidents:write')
  @Put()
  @ApiOperation({
    summary:
      'Record or change the post-incident review: what happened, root cause, lessons, action items with owners and due days (provider lead or analyst; 409 once the incident is closed)',
  })
  record(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Body() body: IncidentReviewDto,
  ) {
    return this.reviews.record(scope, id, incidentId, body);
  }
}
