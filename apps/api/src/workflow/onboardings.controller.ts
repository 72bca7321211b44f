import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { GateService, OnboardingService, OnboardingViewService } from '@app/workflow';
import type { FastifyReply } from 'fastify';
import { CurrentScope } from '../auth/current-scope.decorator';
import { Can } from '../auth/can.decorator';
import { paging } from '../common/paging.dto';
import { uuidParam } from '../common/uuid-param';
import { CreateOnboardingDto, OnboardingQueryDto } from './dtos/onboarding.dto';

@ApiTags('onboardings')
@ApiBearerAuth()
@Controller('api/onboardings')
export class OnboardingsController {
  constructor(
    private readonly onboardings: OnboardingService,
    private readonly views: OnboardingViewService,
    private readonly gates: GateService,
  ) {}

  @Post()
  @Can('onboarding.create')
  @ApiOperation({ summary: 'Start an onboarding of an engagement from a template' })
  create(@CurrentScope() scope: AccessScope, @Body() body: CreateOnboardingDto) {
    return this.onboardings.create(scope, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Onboardings the caller may see (filters: phase, status, overdue, customer)',
  })
  list(@CurrentScope() scope: AccessScope, @Query() query: OnboardingQueryDto) {
    return this.onboardings.list(
      scope,
      {
        phase: query.phase,
        status: query.status,
        overdue: query.overdue,
        customer: query.customer,
      },
      paging(query),
    );
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Steps with state, acting party, assignees, due dates; phases; gate; history',
  })
  get(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.views.detail(scope, id);
  }

  @Get(':id/gate')
  @ApiOperation({
    summary: 'Whether the service may start, and every blocker with who is waited on',
  })
  gate(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.gates.gate(scope, id);
  }

  @Post(':id/start-service')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Start the service once every required step is done: 201 the first time, 200 after; 409 with blockers',
  })
  async startService(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, start } = await this.gates.start(scope, id);
    if (!created) void reply.status(200);
    return start;
  }
}
