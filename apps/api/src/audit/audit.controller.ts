import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuditQueryService } from '@app/audit';
import { AccessScope } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';

class AuditQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;

  @IsOptional()
  @IsUUID()
  engagementId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

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
  @ApiOperation({ summary: 'Audit records the caller may see, newest first' })
  async list(@CurrentScope() scope: AccessScope, @Query() query: AuditQueryDto): Promise<object> {
    const items = await this.audit.list(scope, { ...query, limit: query.limit ?? 100 });
    return { items };
  }
}
