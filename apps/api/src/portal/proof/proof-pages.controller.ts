import { Get, Param, Req, Res } from '@nestjs/common';
import { CompletionBundleService } from '@app/authorisation';
import { CheckpointStatements, WELL_KNOWN_KEYS_PATH } from '@app/proof';
import { ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendBundle } from '../../proof/send-bundle';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { UUID } from '../kit/uuid';

function uuid(field: string, value: string): string {
  if (!UUID.test(value)) throw new ValidationException([{ field, reason: 'must be a UUID' }]);
  return value;
}

/** The completion bundle download and the engagement's signed checkpoint statements. */
@PortalController()
export class ProofPagesController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly bundles: CompletionBundleService,
    private readonly statements: CheckpointStatements,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('onboardings/:id/completion-bundle')
  async bundle(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    await reply.send(sendBundle(reply, await this.bundles.bundle(viewer.scope, uuid('id', id))));
  }

  @Get('engagements/:id/checkpoints')
  async list(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const items = await this.statements.list(viewer.scope, uuid('id', id));
    const timeZone = viewer.scope.timeZone;
    await this.renderer.render(
      request,
      reply,
      'proof/checkpoints',
      {
        engagementId: id,
        timeZone,
        keysHref: WELL_KNOWN_KEYS_PATH,
        items: items.map((s) => ({ ...s, href: `/engagements/${id}/checkpoints/${s.id}` })),
      },
      { viewer, titleKey: 'proof.statements.title', section: 'home' },
    );
  }

  @Get('engagements/:id/checkpoints/:statementId')
  async download(
    @Param('id') id: string,
    @Param('statementId') statementId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const document = await this.statements.get(
      viewer.scope,
      uuid('id', id),
      uuid('statementId', statementId),
    );
    await reply
      .header('content-type', 'application/json; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="checkpoint-statement-${statementId}.json"`,
      )
      .header('cache-control', 'private, no-store')
      .send(`${JSON.stringify(document, null, 2)}\n`);
  }
}
