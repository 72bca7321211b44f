import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { ValidationException } from '@app/platform';
import { proposalLinks, StepActionsService } from '@app/workflow';
import { PipeTransform } from '@nestjs/common';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { OptionalReasonDto, ProposalDto, ReasonDto, RejectDto, StepActionDto } from './dtos/onboarding.dto';

/** A step key in the path: snake_case, or a 400 naming the parameter. */
export class StepKeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[a-z][a-z0-9_]{1,63}$/.test(value)) throw new ValidationException([{ field: 'key', reason: 'must be a step key' }]);
    return value;
  }
}

@ApiTags('onboardings')
@ApiBearerAuth()
@Controller('api/onboardings/:id/steps/:key')
export class OnboardingStepsController {
  constructor(private readonly actions: StepActionsService) {}

  @Post('complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task (or a check, signature or confirmation not yet handled by its feature)' })
  complete(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Body() body: StepActionDto,
  ): Promise<object> {
    return this.actions.complete(scope, id, key, body.expectedVersion);
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve; the approval records the SHA-256 of exactly what was approved' })
  approve(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Body() body: StepActionDto,
  ): Promise<object> {
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
  ): Promise<object> {
    return this.actions.reject(scope, id, key, body.reason, body.expectedVersion);
  }

  @Post('waive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Waive a step the template allows to be waived (provider lead, account manager)' })
  waive(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Body() body: ReasonDto,
  ): Promise<object> {
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
  ): Promise<object> {
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
  ): Promise<object> {
    const result = await this.actions.propose(scope, id, key, { content: body.content, note: body.note });
    return { ...result, proposal: { ...result.proposal, documents: proposalLinks(id, key, result.proposal.version) } };
  }
}
