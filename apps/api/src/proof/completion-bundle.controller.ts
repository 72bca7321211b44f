import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CompletionBundle, CompletionBundleService } from '@app/authorisation';
import { AccessScope } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';

/** Sends a bundle as a download, with its SHA-256 in a header. */
export function sendBundle(reply: FastifyReply, bundle: CompletionBundle): Buffer {
  void reply
    .header('content-type', 'application/zip')
    .header('content-disposition', `attachment; filename="${bundle.filename}"`)
    .header('x-bundle-sha256', bundle.sha256)
    .header('cache-control', 'private, no-store');
  return bundle.body;
}

@ApiTags('onboardings')
@ApiBearerAuth()
@Controller('api/onboardings/:id/completion-bundle')
export class CompletionBundleController {
  constructor(private readonly bundles: CompletionBundleService) {}

  @Get()
  @ApiProduces('application/zip')
  @ApiOperation({
    summary: 'The completion bundle (zip): signed manifest, approved and signed documents (HTML, sealed PDF), signature events, domain-confirmation evidence, the audit chain to the service start, checkpoints, keys and an offline verifier (provider lead, account manager, customer security lead); 409 before the start',
  })
  async bundle(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendBundle(reply, await this.bundles.bundle(scope, id));
  }
}
