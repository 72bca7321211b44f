import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ConfirmationList,
  DnsCheckService,
  DnsSummary,
  DomainConfirmationService,
} from '@app/authorisation';
import { AccessScope } from '@app/identity';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import { SendDomainConfirmationDto } from './domain-confirmation.dto';

/**
 * The domain-permission email of an onboarding: the provider lead, an analyst or the account
 * manager sends it to addresses in the customer's domains and follows each recipient's answer.
 * Another tenant's onboarding answers 404; a visible one with the wrong role, 403.
 */
@ApiTags('domain confirmations')
@ApiBearerAuth()
@Controller('api/onboardings/:id/domain-confirmations')
export class DomainConfirmationsController {
  constructor(
    private readonly confirmations: DomainConfirmationService,
    private readonly dns: DnsCheckService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Each request and its recipient state (queued, sent, confirmed, declined, expired, superseded), and the DNS TXT evidence',
  })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<ConfirmationList> {
    return this.confirmations.list(scope, id);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Send the domain-permission email to addresses in the customer's domains (earlier requests to them are superseded)",
  })
  send(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SendDomainConfirmationDto,
  ): Promise<ConfirmationList> {
    return this.confirmations.send(scope, id, body.recipients, this.config.publicUrl);
  }

  @Post('dns-check')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Look up _mdr-authorisation.<domain> TXT token=<value> for every customer domain and record the result',
  })
  dnsCheck(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<DnsSummary> {
    return this.dns.check(scope, id);
  }

  @Post(':confirmationId/resend')
  @HttpCode(201)
  @ApiOperation({
    summary: "Send again to that request's recipient: a new link; the earlier one stops working",
  })
  resend(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('confirmationId', uuidParam('confirmationId')) confirmationId: string,
  ): Promise<ConfirmationList> {
    return this.confirmations.resend(scope, id, confirmationId, this.config.publicUrl);
  }
}
