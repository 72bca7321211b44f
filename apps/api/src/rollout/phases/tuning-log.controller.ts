import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { TuningEntryView, TuningLogService } from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import { TuningEntryChangeDto, TuningEntryDto } from './phases.dto';

/** False positives found in detect mode and what was decided; open entries hold back block mode. */
@ApiTags('roll-out phases')
@ApiBearerAuth()
@Controller('api/engagements/:id/tuning-log')
export class TuningLogController {
  constructor(private readonly log: TuningLogService) {}

  @Get()
  @ApiOperation({ summary: 'The tuning log, open entries first' })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<TuningEntryView[]> {
    return this.log.list(scope, id);
  }

  @Post()
  @ApiOperation({ summary: 'Record a false positive (provider lead/analyst)' })
  create(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: TuningEntryDto,
  ): Promise<TuningEntryView> {
    return this.log.create(scope, id, body);
  }

  @Patch(':entryId')
  @ApiOperation({ summary: 'Decide or close an entry (provider lead/analyst)' })
  update(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('entryId', uuidParam('entryId')) entryId: string,
    @Body() body: TuningEntryChangeDto,
  ): Promise<TuningEntryView> {
    return this.log.update(scope, id, entryId, body);
  }
}
