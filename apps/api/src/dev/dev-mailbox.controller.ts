import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DevMailboxService } from '@app/notify';
import { Public } from '../auth/public.decorator';

class MailboxQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** Embedded mode only: the mail the demo would have sent, so a person can follow its links. */
@ApiTags('dev')
@ApiBearerAuth()
@Controller('api/dev/mailbox')
export class DevMailboxController {
  constructor(private readonly mailbox: DevMailboxService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Mail kept by the dev mailbox (embedded mode only)' })
  async list(@Query() query: MailboxQueryDto): Promise<object> {
    return { items: await this.mailbox.list(query.limit ?? 50) };
  }
}
