import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AccessScope, can } from '@app/identity';
import { DevMailboxService } from '@app/notify';
import { CurrentScope } from '../auth/current-scope.decorator';

class MailboxQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/**
 * Embedded mode only (not registered in server mode): the mail the demo would have sent, so a
 * person can follow its links. It holds live links (set-password, signing, approvals), so it
 * needs a sign-in and shows each person the mail sent to them; the platform admin sees all.
 */
@ApiTags('dev')
@ApiBearerAuth()
@Controller('api/dev/mailbox')
export class DevMailboxController {
  constructor(private readonly mailbox: DevMailboxService) {}

  @Get()
  @ApiOperation({
    summary:
      'Your mail kept by the dev mailbox; the platform admin sees all of it (embedded mode only)',
  })
  async list(@CurrentScope() scope: AccessScope, @Query() query: MailboxQueryDto) {
    const recipient = can(scope, 'mailbox.read_all') ? null : scope.grant.email;
    return { items: await this.mailbox.list(query.limit ?? 50, recipient) };
  }
}
