import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { PeacetimeTasksService } from '@app/incidents';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';

/** The tasks the approved peacetime runbook's schedule creates for a running service. */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/engagements/:id/peacetime-tasks')
export class PeacetimeTasksController {
  constructor(private readonly tasks: PeacetimeTasksService) {}

  @Get()
  @ApiOperation({ summary: 'Peacetime tasks of the engagement, newest period first' })
  list(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.tasks.list(scope, id);
  }

  @Post(':taskId/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: "Complete a peacetime task (provider staff; the customer's people for customer tasks)",
  })
  complete(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('taskId', uuidParam('taskId')) taskId: string,
  ) {
    return this.tasks.complete(scope, id, taskId);
  }
}
