import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessScope } from '@app/identity';
import { BlockListService } from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import { AddBlockListEntryDto } from './block-list.dto';
import { ApiKeyScope } from '../../auth/api-key-scope.decorator';

/**
 * The engagement's static block list: provider lead and analysts add and expire entries;
 * everyone on the engagement reads it and exports it for the EDR console.
 */
@ApiTags('block-list')
@ApiBearerAuth()
@Controller('api/engagements/:id')
export class BlockListController {
  constructor(private readonly blockList: BlockListService) {}

  @ApiKeyScope('block-list:read')
  @Get('block-list')
  @ApiOperation({ summary: 'Every entry, active ones first, with whether each is still active' })
  async list(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return { items: await this.blockList.list(scope, id) };
  }

  @ApiKeyScope('block-list:write')
  @Post('block-list')
  @ApiOperation({ summary: 'Add an IOC (normalised; 409 if the same IOC is already active)' })
  add(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AddBlockListEntryDto,
  ) {
    return this.blockList.add(scope, id, body);
  }

  @ApiKeyScope('block-list:write')
  @Post('block-list/:entryId/expire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Expire an entry now (it leaves the export)' })
  expire(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('entryId', uuidParam('entryId')) entryId: string,
  ) {
    return this.blockList.expire(scope, id, entryId);
  }

  @ApiKeyScope('block-list:read')
  @Get('block-list.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Unexpired entries as CSV for the EDR console (type, value order)' })
  async csv(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.blockList.exportCsv(scope, id);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="block-list-${id}.csv"`);
    reply.header('cache-control', 'private, no-store');
    return body;
  }

  @ApiKeyScope('block-list:read')
  @Get('block-list.json')
  @ApiOperation({ summary: 'Unexpired entries as JSON for the EDR console (type, value order)' })
  async json(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const body = await this.blockList.exportJson(scope, id);
    reply.header('content-disposition', `attachment; filename="block-list-${id}.json"`);
    reply.header('cache-control', 'private, no-store');
    return body;
  }
}
