import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { PasskeyService, StepUpService } from '@app/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidParam } from '../../common/uuid-param';
import { PortalController } from '../kit/portal-controller.decorator';
import { refusedByCode } from '../kit/refused-by-code';
import { submitForm } from '../kit/submit-form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { setFlash } from '../session/flash';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { AddPasskeyForm } from './passkey.forms';
import { PasskeysPageService } from './passkeys-page.service';

/**
 * The signed-in person's passkeys: listed, added under a name (the browser's part runs in
 * /static/passkeys.js, which asks the options route for a challenge), removed. The step-up
 * options route serves every form that re-authenticates with a passkey.
 */
@PortalController()
export class PasskeysPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly passkeys: PasskeyService,
    private readonly stepUp: StepUpService,
    private readonly pages: PasskeysPageService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('account/passkeys')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    await this.render(request, reply, viewer, '', null, 200);
  }

  /** Options for navigator.credentials.create(), as JSON. */
  @Post('account/passkeys/options')
  @UseGuards(CsrfGuard)
  async registrationOptions(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    await reply
      .header('Cache-Control', 'no-store')
      .type('application/json')
      .send(await this.passkeys.registrationOptions(viewer.scope));
  }

  /** Options for navigator.credentials.get() before a consequential act, as JSON. */
  @Post('account/passkeys/step-up-options')
  @UseGuards(CsrfGuard)
  async stepUpOptions(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    await reply
      .header('Cache-Control', 'no-store')
      .type('application/json')
      .send(await this.stepUp.challenge(viewer.scope));
  }

  @Post('account/passkeys')
  @UseGuards(CsrfGuard)
  async add(
    @Body() form: AddPasskeyForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const name = form.name ?? '';
    await submitForm(() => this.passkeys.register(viewer.scope, name, form.passkey ?? ''), {
      reads: refusedByCode<string>({
        VALIDATION_FAILED: (error) => {
          const field = (error.details as { field?: string }[] | undefined)?.[0]?.field;
          return {
            problem: field === 'name' ? 'passkeys.nameHint' : 'passkeys.failed',
            status: 400,
          };
        },
        CONFLICT: () => ({ problem: 'passkeys.failed', status: 400 }),
      }),
      refused: (problemKey, status) =>
        this.render(request, reply, viewer, name, problemKey, status),
      done: async () => {
        setFlash(request, { kind: 'success', key: 'passkeyAdded' });
        await reply.header('Cache-Control', 'no-store').redirect('/account/passkeys', 303);
      },
    });
  }

  @Post('account/passkeys/:id/remove')
  @UseGuards(CsrfGuard)
  async remove(
    @Param('id', uuidParam('id')) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    await this.passkeys.remove(viewer.scope, id);
    setFlash(request, { kind: 'success', key: 'passkeyRemoved' });
    await reply.header('Cache-Control', 'no-store').redirect('/account/passkeys', 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    name: string,
    problemKey: string | null,
    status: number,
  ): Promise<void> {
    await this.renderer.render(
      request,
      reply,
      'passkeys/passkeys',
      await this.pages.page(viewer, name, problemKey),
      { titleKey: 'passkeys.title', status, viewer },
    );
  }
}
