import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  EngagementDocumentsService,
  RUNBOOK_CONTENT_SCHEMAS,
  RUNBOOK_PATHS,
  RunbookKind,
} from '@app/agreements';
import { AccessScope } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { ApiPayloadBody } from '../openapi/payload-schema-body';
import { RunbookKindPipe, sectionsOf, sendDocument, VersionParamPipe } from './document-params';
import { CompareQueryDto, DocumentQueryDto, RejectVersionDto } from './dtos/version-actions.dto';

// The body of either kind: the kind in the path decides which step categories it takes.
const { peacetime_runbook: PEACETIME, incident_runbook: INCIDENT } = RUNBOOK_CONTENT_SCHEMAS;
const RUNBOOK_CONTENT = z.union([PEACETIME, INCIDENT]);
const RUNBOOK_SECTIONS = z.union([PEACETIME.partial(), INCIDENT.partial()]);

/**
 * The engagement's peacetime (平時運用) and incident (有事運用) runbooks, versioned like the
 * agreement. A first draft starts from the default runbook in the customer's language.
 */
@ApiTags('runbooks')
@ApiBearerAuth()
@ApiParam({ name: 'kind', enum: Object.keys(RUNBOOK_PATHS) })
@Controller('api/engagements/:id/runbooks/:kind')
export class RunbooksController {
  constructor(private readonly documents: EngagementDocumentsService) {}

  @Get()
  @ApiOperation({
    summary: 'The current (proposed or approved) version, the open draft and every version',
  })
  overview(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
  ) {
    return this.documents.overview(scope, id, kind);
  }

  @Post()
  @ApiOperation({
    summary:
      'New draft version from the newest version (or the default runbook), with the given sections replaced',
  })
  @ApiPayloadBody(RUNBOOK_SECTIONS, 'Some sections; the others keep their values')
  create(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
    @Body() body: unknown,
  ) {
    return this.documents.createDraft(scope, id, kind, sectionsOf(body));
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the draft content (opens a new draft version when none is open)',
  })
  @ApiPayloadBody(RUNBOOK_CONTENT)
  replace(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
    @Body() body: unknown,
  ) {
    return this.documents.replaceDraft(scope, id, kind, sectionsOf(body));
  }

  @Patch()
  @ApiOperation({
    summary:
      'Replace the title or the steps of the draft (opens a new draft version when none is open)',
  })
  @ApiPayloadBody(RUNBOOK_SECTIONS)
  patch(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
    @Body() body: unknown,
  ) {
    return this.documents.patchDraft(scope, id, kind, sectionsOf(body));
  }

  @Get('compare')
  @ApiOperation({
    summary: 'Field-by-field differences between two versions: [{ path, before, after }]',
  })
  compare(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
    @Query() query: CompareQueryDto,
  ) {
    return this.documents.compare(scope, id, kind, query.from, query.to);
  }

  @Get('versions/:version')
  version(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
    @Param('version', VersionParamPipe) version: number,
  ) {
    return this.documents.getVersion(scope, id, kind, version);
  }

  @Get('versions/:version/document')
  @ApiProduces('text/html', 'application/pdf')
  @ApiOperation({
    summary:
      "The rendered document in the customer's language; X-Document-SHA256 is the hash approvals bind to",
  })
  async document(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
    @Param('version', VersionParamPipe) version: number,
    @Query() query: DocumentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return sendDocument(
      reply,
      await this.documents.document(scope, id, kind, version, query.format ?? 'html'),
    );
  }

  @Post('versions/:version/propose')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Propose the draft; supersedes the proposed or approved version (provider lead/analyst)',
  })
  propose(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
    @Param('version', VersionParamPipe) version: number,
  ) {
    return this.documents.propose(scope, id, kind, version);
  }

  @Post('versions/:version/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "Approve the proposed version (the customer's security lead)" })
  approve(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
    @Param('version', VersionParamPipe) version: number,
  ) {
    return this.documents.approve(scope, id, kind, version);
  }

  @Post('versions/:version/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: "Reject the proposed version with a reason (the customer's security lead)",
  })
  reject(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('kind', RunbookKindPipe) kind: RunbookKind,
    @Param('version', VersionParamPipe) version: number,
    @Body() body: RejectVersionDto,
  ) {
    return this.documents.reject(scope, id, kind, version, body.reason);
  }
}
