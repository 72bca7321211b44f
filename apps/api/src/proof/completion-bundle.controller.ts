import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CompletionBundleService } from '@app/authorisation';
import { AccessScope } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { sendBundle } from './send-bundle';

@ApiTags('onboardings')
@ApiBearerAuth()
@Controller('api/onboardings/:id/completion-bundle')
export class CompletionBundleController {
  constructor(private readonly bundles: CompletionBundleService) {}

  @Get()
  @ApiProduces('application/zip')
  @ApiOperation({
    summary:
      'The completion bundle (zip): signed manifest, approved and signed documents (HTML, sealed PDF), signature events, domain-confirmation evidence, the audit chain to the service start, checkpoints, keys and an offline verifier (provider lead, account manager, customer security lead); 409 before the start',
  })
  async bundle(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendBundle(reply, await this.bundles.bundle(scope, id));
  }
}
