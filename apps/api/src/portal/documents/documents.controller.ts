import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  DocumentKind,
  EngagementDocumentsService,
  RUNBOOK_PATHS,
  RunbookPath,
} from '@app/agreements';
import type { EngagementView } from '@app/identity';
import { NotFoundException, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { documentRefusal, documentSuccessFlash } from './document-action-flash';
import {
  documentsPath,
  DocumentSlug,
  isDocumentSlug,
  parseDraft,
  SLUG_KIND,
} from './document-input';
import { DocumentPageService, DraftProblem } from './document-page.service';
import { DocumentQueryDto } from '../../agreements/dtos/version-actions.dto';
import { sendDocument } from '../../agreements/document-params';
import { SaveDraftForm, VersionActionForm } from './document.forms';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH } from '../onboarding/step-action-flash';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { Flash, setFlash } from '../session/flash';
import { PortalViewer } from '../session/portal-viewer.service';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { Refused, submitForm } from '../kit/submit-form';

/** Why a draft was refused, shown again with the text as typed. */
type DraftRefusal = Omit<DraftProblem, 'slug' | 'text'>;

const VERSION_ACTIONS = ['propose', 'approve', 'reject'] as const;
type VersionAction = (typeof VERSION_ACTIONS)[number];

function parseVersion(value: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new NotFoundException('Version');
  return Number(value);
}

/**
 * An engagement's documents (the service agreement and the peacetime and incident runbooks):
 * versions, links to the rendered HTML and PDF, and the catalogue check; provider staff edit
 * the draft as JSON and propose it, the customer's security lead compares the proposed version
 * with the one before and approves or rejects it. Forms post with their CSRF token and answer
 * 303 back with a translated message; a refused draft is shown again (400) with the text as
 * typed. Another tenant's engagement is the portal's 404 page.
 */
@PortalController()
export class DocumentPagesController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly pages: DocumentPageService,
    private readonly documents: EngagementDocumentsService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('engagements/:id/documents')
  async show(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await this.render(request, reply, viewer, engagement, null);
  }

  /**
   * The rendered agreement version (HTML or PDF) for the portal's session user: the same file,
   * headers and hash as `GET /api/engagements/:id/agreement/versions/:version/document`, which
   * takes a bearer token only.
   */
  @Get('engagements/:id/agreement/versions/:version/document')
  agreementDocument(
    @Param('id') id: string,
    @Param('version') version: string,
    @Query() query: DocumentQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.sendFile(request, reply, id, 'service_agreement', version, query);
  }

  /** A rendered runbook version for the portal's session user (see agreementDocument). */
  @Get('engagements/:id/runbooks/:kind/versions/:version/document')
  runbookDocument(
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Param('version') version: string,
    @Query() query: DocumentQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!Object.hasOwn(RUNBOOK_PATHS, kind)) throw new NotFoundException('Document');
    return this.sendFile(request, reply, id, RUNBOOK_PATHS[kind as RunbookPath], version, query);
  }

  @Post('engagements/:id/documents/:doc/draft')
  @UseGuards(CsrfGuard)
  async save(
    @Param('id') id: string,
    @Param('doc') doc: string,
    @Body() form: SaveDraftForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    const slug = this.slug(doc);
    const language = this.renderer.languageFor(request, viewer);
    const name = this.pages.documentName(language, slug);
    const text = form.content ?? '';
    const refused = (problem: DraftRefusal): Promise<void> =>
      this.render(request, reply, viewer, engagement, { slug, text, ...problem }, 400);
    if (!this.pages.mayEdit(viewer, engagement)) {
      await this.back(request, reply, documentsPath(id, slug), {
        kind: 'error',
        key: 'error.documentForbidden',
        params: { document: name },
      });
      return;
    }
    const input = parseDraft(text);
    if (!input.ok) {
      await refused({
        key: input.problem,
        detail: input.problem === 'draftInvalidJson' ? input.detail : null,
        fields: [],
      });
      return;
    }
    const path = documentsPath(id, slug);
    // A draft the lib refuses field by field is shown again as typed; other refusals flash.
    await submitForm(
      () => this.documents.replaceDraft(viewer.scope, id, SLUG_KIND[slug], input.content),
      {
        reads: (error): Refused<DraftRefusal | Flash> | null =>
          error instanceof ValidationException
            ? { problem: { key: 'draftRejected', detail: null, fields: error.fields }, status: 400 }
            : documentRefusal('save', name, null)(error),
        refused: (problem) =>
          'kind' in problem ? this.back(request, reply, path, problem) : refused(problem),
        done: (saved) =>
          this.back(request, reply, path, documentSuccessFlash('save', name, saved.version)),
      },
    );
  }

  @Post('engagements/:id/documents/:doc/versions/:version/:action')
  @UseGuards(CsrfGuard)
  async act(
    @Param('id') id: string,
    @Param('doc') doc: string,
    @Param('version') versionParam: string,
    @Param('action') actionParam: string,
    @Body() form: VersionActionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer } = await this.loader.load(request, id);
    const slug = this.slug(doc);
    const version = parseVersion(versionParam);
    if (!(VERSION_ACTIONS as readonly string[]).includes(actionParam)) {
      throw new NotFoundException('Page');
    }
    const action = actionParam as VersionAction;
    const language = this.renderer.languageFor(request, viewer);
    const name = this.pages.documentName(language, slug);
    const back = (flash: Flash) => this.back(request, reply, documentsPath(id, slug), flash);
    await submitForm(() => this.perform(viewer, id, slug, version, action, form, name), {
      reads: documentRefusal(action, name, version),
      refused: back,
      done: back,
    });
  }

  private async perform(
    viewer: PortalViewer,
    id: string,
    slug: DocumentSlug,
    version: number,
    action: VersionAction,
    form: VersionActionForm,
    name: string,
  ): Promise<Flash> {
    const kind = SLUG_KIND[slug];
    switch (action) {
      case 'propose':
        await this.documents.propose(viewer.scope, id, kind, version);
        break;
      case 'approve':
        await this.documents.approve(viewer.scope, id, kind, version);
        break;
      case 'reject': {
        const reason = (form.reason ?? '').trim();
        if (reason.length < MIN_REASON_LENGTH || reason.length > MAX_REASON_LENGTH) {
          return {
            kind: 'error',
            key: 'error.documentReasonRequired',
            params: { document: name, version, min: MIN_REASON_LENGTH, max: MAX_REASON_LENGTH },
          };
        }
        await this.documents.reject(viewer.scope, id, kind, version, reason);
        break;
      }
    }
    return documentSuccessFlash(action, name, version);
  }

  /** The viewer and the engagement; another tenant's (or a malformed id) is the 404 page. */
  private async sendFile(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    kind: DocumentKind,
    version: string,
    query: DocumentQueryDto,
  ): Promise<void> {
    const { viewer } = await this.loader.load(request, id);
    const file = await this.documents.document(
      viewer.scope,
      id,
      kind,
      parseVersion(version),
      query.format ?? 'html',
    );
    await reply.send(sendDocument(reply, file));
  }

  private slug(doc: string): DocumentSlug {
    if (!isDocumentSlug(doc)) throw new NotFoundException('Document');
    return doc;
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    engagement: EngagementView,
    problem: DraftProblem | null,
    status = 200,
  ): Promise<void> {
    const language = this.renderer.languageFor(request, viewer);
    const page = await this.pages.page(viewer, engagement, language, problem);
    await this.renderer.render(request, reply, 'documents/documents', page, {
      titleKey: 'documents.pageTitle',
      titleParams: { engagement: engagement.name },
      section: 'home',
      status,
      viewer,
      returnTo: `/engagements/${engagement.id}/documents`,
    });
  }

  /** 303 to a page of this site, with the message it shows once. */
  private async back(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    flash: Flash,
  ): Promise<void> {
    setFlash(request, flash);
    await reply.header('Cache-Control', 'no-store').redirect(path, 303);
  }
}
