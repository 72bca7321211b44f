import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { CheckpointStatements, StatementDocument, StatementSummary } from '@app/proof';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/engagements/:id/checkpoints')
export class CheckpointsController {
  constructor(private readonly statements: CheckpointStatements) {}

  @Get()
  @ApiOperation({
    summary:
      "The engagement's checkpoint statements, newest first (provider lead, account manager, customer security lead)",
  })
  async list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<{ items: StatementSummary[] }> {
    return { items: await this.statements.list(scope, id) };
  }

  @Get(':statementId')
  @ApiOperation({
    summary:
      'One statement: the signed checkpoint, the chain head in it, its Merkle proof and the key (what `verify.mjs --statement` takes)',
  })
  get(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('statementId', uuidParam('statementId')) statementId: string,
  ): Promise<StatementDocument> {
    return this.statements.get(scope, id, statementId);
  }
}
