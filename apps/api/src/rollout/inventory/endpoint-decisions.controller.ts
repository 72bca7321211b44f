import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope, Page } from '@app/identity';
import { DecisionView, EndpointDecisionService } from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { paging, PagingQueryDto } from '../../common/paging.dto';
import { uuidParam } from '../../common/uuid-param';
import { CreateDecisionDto, RejectDecisionDto } from './dtos/decision.dto';

/**
 * Decisions on unsupported or end-of-support endpoints: the provider proposes, the customer's
 * security lead approves or rejects, or records one directly.
 */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/engagements/:id/endpoint-decisions')
export class EndpointDecisionsController {
  constructor(private readonly decisions: EndpointDecisionService) {}

  @Get()
  @ApiOperation({ summary: 'Decisions, newest first' })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: PagingQueryDto,
  ): Promise<Page<DecisionView>> {
    return this.decisions.list(scope, id, paging(query));
  }

  @Post()
  @ApiOperation({
    summary:
      "Decide for explicit endpoints or every endpoint needing a decision that matches the filters: upgrade by a date, exclude, or accept the risk. Proposed when the provider's lead or analyst records it; approved at once when the customer's security lead does",
  })
  create(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateDecisionDto,
  ): Promise<DecisionView> {
    return this.decisions.create(scope, id, body);
  }

  @Post(':decisionId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "Approve a proposed decision (the customer's security lead)" })
  approve(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('decisionId', uuidParam('decisionId')) decisionId: string,
  ): Promise<DecisionView> {
    return this.decisions.approve(scope, id, decisionId);
  }

  @Post(':decisionId/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: "Reject a proposed decision with a reason (the customer's security lead)",
  })
  reject(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('decisionId', uuidParam('decisionId')) decisionId: string,
    @Body() body: RejectDecisionDto,
  ): Promise<DecisionView> {
    return this.decisions.reject(scope, id, decisionId, body.reason);
  }
}
