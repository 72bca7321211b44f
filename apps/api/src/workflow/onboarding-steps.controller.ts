import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { proposalLinks, StepActionsService, TaskEvidenceService } from '@app/workflow';
import type { FastifyRequest } from 'fastify';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import {
  CompleteStepDto,
  OptionalReasonDto,
  ProposalDto,
  ReasonDto,
  RejectDto,
  StepActionDto,
} from './dtos/onboarding.dto';
import { completionInputOf, readEvidenceForm } from './evidence-form';
import { ApiCompletionBody } from '../openapi/request-bodies';
import { StepKeyPipe } from './step-key.pipe';

@ApiTags('onboardings')
@ApiBearerAuth()
@Controller('api/onboardings/:id/steps/:key')
export class OnboardingStepsController {
  constructor(
    private readonly actions: StepActionsService,
    private readonly evidence: TaskEvidenceService,
  ) {}

  @Post('complete')
  @HttpCode(200)
  @ApiCompletionBody(CompleteStepDto)
  @ApiOperation({
    summary:
      'Complete a task (or a check, signature or confirmation not yet handled by its feature): JSON { note?, expectedVersion? }, ' +
      'or multipart with the fields note and expectedVersion and the evidence files in "files" (EVIDENCE_MAX_FILES, EVIDENCE_MAX_FILE_BYTES, EVIDENCE_TYPES). ' +
      'A task whose template requires evidence needs at least one file; a measured precondition that does not hold answers 409 with its reasons',
  })
  async complete(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Body() body: CompleteStepDto,
    @Req() request: FastifyRequest,
  ) {
    if (!request.isMultipart())
      return this.actions.complete(scope, id, key, {
        note: body.note,
        expectedVersion: body.expectedVersion,
      });
    // Who may complete it is settled before the files are read.
    await this.evidence.completionTarget(scope, id, key);
    const form = await readEvidenceForm(request, this.evidence.limits);
    return this.actions.complete(scope, id, key, completionInputOf(form));
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve; the approval records the SHA-256 of exactly what was approved',
  })
  approve(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Body() body: StepActionDto,
  ) {
    return this.actions.approve(scope, id, key, body.expectedVersion);
  }

  @Post('reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a reason; the step reopens when the proposer revises' })
  reject(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Body() body: RejectDto,
  ) {
    return this.actions.reject(scope, id, key, body.reason, body.expectedVersion);
  }

  @Post('waive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Waive a step the template allows to be waived (provider lead, account manager)',
  })
  waive(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Body() body: ReasonDto,
  ) {
    return this.actions.waive(scope, id, key, body.reason);
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a done, rejected, waived or stale step' })
  reopen(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Body() body: OptionalReasonDto,
  ) {
    return this.actions.reopen(scope, id, key, body.reason ?? null);
  }

  @Post('proposals')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Propose a new version of what the approval step approves; older approvals go stale. Configuration steps: no content, the server takes the snapshot',
  })
  async propose(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Body() body: ProposalDto,
  ) {
    const result = await this.actions.propose(scope, id, key, {
      content: body.content,
      note: body.note,
    });
    return {
      ...result,
      proposal: { ...result.proposal, documents: proposalLinks(id, key, result.proposal.version) },
    };
  }
}
