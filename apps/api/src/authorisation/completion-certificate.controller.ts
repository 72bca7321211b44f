import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CompletionCertificateService } from '@app/authorisation';
import { AccessScope } from '@app/identity';
import { sendDocument } from '../agreements/document-params';
import { DocumentQueryDto } from '../agreements/dtos/version-actions.dto';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';

@ApiTags('onboardings')
@ApiBearerAuth()
@Controller('api/onboardings/:id/completion-certificate')
export class CompletionCertificateController {
  constructor(private readonly certificates: CompletionCertificateService) {}

  @Get()
  @ApiProduces('text/html', 'application/pdf')
  @ApiOperation({
    summary:
      'Certificate of the service start: every required step with who settled it, when, its content hash and evidence id; 409 before the start',
  })
  async certificate(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: DocumentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return sendDocument(
      reply,
      await this.certificates.certificate(scope, id, query.format ?? 'html'),
    );
  }
}
