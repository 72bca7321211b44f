import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  AUDIT_EXPORT_COLUMNS,
  auditCsvLine,
  AuditExportService,
  ExportedAuditRecord,
  GENESIS_HASH,
} from '@app/audit';
import { AccessScope } from '@app/identity';
import { csvLine } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { ApiKeyScope } from '../auth/api-key-scope.decorator';

class AuditExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'json' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';
}

async function* csvOf(records: AsyncIterable<ExportedAuditRecord>): AsyncGenerator<string> {
  yield csvLine([...AUDIT_EXPORT_COLUMNS]);
  for await (const record of records) yield auditCsvLine(record);
}

/** A JSON document streamed record by record. */
async function* jsonOf(
  engagementId: string,
  records: AsyncIterable<ExportedAuditRecord>,
): AsyncGenerator<string> {
  const head = JSON.stringify({
    engagementId,
    hash: 'sha256 of prevHash, a newline, and the canonical JSON (keys sorted) of the record without its hash',
    genesisHash: GENESIS_HASH,
  });
  yield `${head.slice(0, -1)},"records":[`;
  let first = true;
  for await (const record of records) {
    yield `${first ? '' : ','}\n${JSON.stringify(record)}`;
    first = false;
  }
  yield '\n]}\n';
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/engagements/:id/audit-export')
export class AuditExportController {
  constructor(private readonly exports: AuditExportService) {}

  @ApiKeyScope('audit:read')
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      "Every audit record of the engagement in chain order, with each record's previous hash and hash (provider lead, account manager, customer security lead)",
  })
  async export(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: AuditExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const records = await this.exports.open(scope, id);
    const csv = query.format === 'csv';
    await reply
      .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${id}.${csv ? 'csv' : 'json'}"`)
      .header('cache-control', 'private, no-store')
      .send(Readable.from(csv ? csvOf(records) : jsonOf(id, records)));
  }
}
