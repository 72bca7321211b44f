import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { AuditQueryService } from '@app/audit';
import { AccessScope } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';

class AuditQueryDto {
  @ApiPropertyOptional({
    example: 'onboarding_step',
    description: 'Only records about this kind of subject',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectType?: string;

  @ApiPropertyOptional({ description: 'Only records about this subject (its id)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this engagement's records" })
  @IsOptional()
  @IsUUID()
  engagementId?: string;

  @ApiPropertyOptional({
    example: 'Sakura',
    description:
      "The customer: its organisation id or (part of) its name; its engagements' records and its own",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  customer?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({
    pattern: '^\\d{1,18}$',
    description: 'Records older than this seq (newest-first paging)',
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'beforeSeq must be a record number' })
  beforeSeq?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiOperation({
    summary:
      'Audit records the caller may see, newest first (filters: subjectType, subjectId, engagementId, customer by id or name)',
  })
  async list(@CurrentScope() scope: AccessScope, @Query() query: AuditQueryDto) {
    const items = await this.audit.list(scope, { ...query, limit: query.limit ?? 100 });
    return { items };
  }
}
