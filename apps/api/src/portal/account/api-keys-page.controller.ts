import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  API_KEY_SCOPES,
  ApiKeyService,
  ApiKeyView,
  DEFAULT_API_KEY_DAYS,
  EngagementService,
  MAX_API_KEY_DAYS,
} from '@app/identity';
import { formatMoment, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidParam } from '../../common/uuid-param';
import { CreateApiKeyForm } from './api-key.forms';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { setFlash } from '../session/flash';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { submitForm } from '../kit/submit-form';

interface PageState {
  /** The secret of the key just made: shown on this answer only, never stored or redirected with. */
  created: { key: string; name: string } | null;
  problems: string[];
  form: { name: string; scopes: string[]; engagementId: string; expiresInDays: string };
}

const EMPTY_FORM = {
  name: '',
  scopes: [],
  engagementId: '',
  expiresInDays: String(DEFAULT_API_KEY_DAYS),
};

/** An organisation's leads make, see and revoke its API keys (times in the reader's zone). */
@PortalController()
export class ApiKeysPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly keys: ApiKeyService,
    private readonly engagements: EngagementService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('account/api-keys')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    await this.render(
      request,
      reply,
      viewer,
      { created: null, problems: [], form: EMPTY_FORM },
      200,
    );
  }

  @Post('account/api-keys')
  @UseGuards(CsrfGuard)
  async create(
    @Body() form: CreateApiKeyForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const scopes =
      form.scopes === undefined
        ? []
        : Array.isArray(form.scopes)
          ? form.scopes.map(String)
          : [String(form.scopes)];
    const values = {
      name: form.name ?? '',
      scopes,
      engagementId: form.engagementId ?? '',
      expiresInDays: form.expiresInDays ?? '',
    };
    const days = Number(values.expiresInDays);
    await submitForm(
      () =>
        this.keys.create(viewer.scope, {
          name: values.name,
          scopes,
          engagementId: values.engagementId || null,
          expiresInDays: /^\d{1,4}$/.test(values.expiresInDays) ? days : Number.NaN,
        }),
      {
        // Each refused field once, as its own hint (`scopes[2]` is told as `scopes`).
        reads: (error) =>
          error instanceof ValidationException
            ? {
                problem: [
                  ...new Set(
                    error.fields.map((f) => `apiKeys.problem.${f.field.replace(/\[\d+\]$/, '')}`),
                  ),
                ],
                status: 400,
              }
            : null,
        refused: (problems, status) =>
          this.render(request, reply, viewer, { created: null, problems, form: values }, status),
        done: (made) =>
          this.render(
            request,
            reply,
            viewer,
            { created: { key: made.key, name: made.apiKey.name }, problems: [], form: EMPTY_FORM },
            201,
          ),
      },
    );
  }

  @Post('account/api-keys/:id/revoke')
  @UseGuards(CsrfGuard)
  async revoke(
    @Param('id', uuidParam('id')) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const key = await this.keys.revoke(viewer.scope, id);
    setFlash(request, { kind: 'success', key: 'apiKeyRevoked', params: { name: key.name } });
    await reply.header('Cache-Control', 'no-store').redirect('/account/api-keys', 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    state: PageState,
    status: number,
  ): Promise<void> {
    const keys = await this.keys.list(viewer.scope);
    const engagements = await this.engagements.list(viewer.scope, { limit: 200, offset: 0 });
    const language = this.renderer.languageFor(request, viewer);
    const when = (at: Date | null): string =>
      at ? formatMoment(at, { language, timeZone: viewer.scope.timeZone }) : '';
    await this.renderer.render(
      request,
      reply,
      'account/api-keys',
      {
        ...state,
        keys: keys.map((key: ApiKeyView) => ({
          ...key,
          createdAt: when(key.createdAt),
          expiresAt: when(key.expiresAt),
          lastUsedAt: when(key.lastUsedAt),
          active: key.status === 'active',
        })),
        scopes: API_KEY_SCOPES.map((scope) => ({
          scope,
          checked: state.form.scopes.includes(scope),
        })),
        engagements: engagements.items.map((e) => ({
          id: e.id,
          name: e.name,
          selected: e.id === state.form.engagementId,
        })),
        maxDays: MAX_API_KEY_DAYS,
      },
      { titleKey: 'apiKeys.title', status, viewer },
    );
  }
}
