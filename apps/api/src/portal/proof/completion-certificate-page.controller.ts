import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { CompletionCertificateService } from '@app/authorisation';
import { ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendDocument } from '../../agreements/document-params';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { UUID } from '../kit/uuid';

/** The completion certificate (HTML or PDF) for the signed-in person, as the API serves it. */
@PortalController()
export class CompletionCertificatePageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly certificates: CompletionCertificateService,
  ) {}

  @Get('onboardings/:id/completion-certificate')
  async show(
    @Param('id') id: string,
    @Query('format') format: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    if (!UUID.test(id)) throw new ValidationException([{ field: 'id', reason: 'must be a UUID' }]);
    if (format !== undefined && format !== 'html' && format !== 'pdf')
      throw new ValidationException([{ field: 'format', reason: 'must be html or pdf' }]);
    const file = await this.certificates.certificate(viewer.scope, id, format ?? 'html');
    await reply.send(sendDocument(reply, file));
  }
}
