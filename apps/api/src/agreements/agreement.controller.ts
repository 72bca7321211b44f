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
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  agreementContentSchema,
  EngagementDocumentsService,
  ProviderCatalogueService,
} from '@app/agreements';
import { AccessScope } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { ApiPayloadBody } from '../openapi/payload-schema-body';
import { sectionsOf, sendDocument, VersionParamPipe } from './document-params';
import { CompareQueryDto, DocumentQueryDto, RejectVersionDto } from './dtos/version-actions.dto';

const KIND = 'service_agreement';
const SECTIONS = 'Some sections; the others keep their values';

/**
 * The engagement's MDR service agreement, versioned: the provider drafts and proposes, the
 * customer's security lead approves or rejects. Another tenant's engagement answers 404; a
 * visible engagement with the wrong role, 403.
 */
@ApiTags('agreements')
@ApiBearerAuth()
@Controller('api/engagements/:id/agreement')
export class AgreementController {
  constructor(
    private readonly documents: EngagementDocumentsService,
    private readonly catalogues: ProviderCatalogueService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The current (proposed or approved) version, the open draft and every version',
  })
  overview(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.documents.overview(scope, id, KIND);
  }

  @Post()
  @ApiOperation({
    summary:
      'New draft version from the newest version, with the given sections replaced (provider lead/analyst)',
  })
  @ApiPayloadBody(agreementContentSchema.partial(), SECTIONS)
  create(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
  ) {
    return this.documents.createDraft(scope, id, KIND, sectionsOf(body));
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the draft content (opens a new draft version when none is open)',
  })
  @ApiPayloadBody(agreementContentSchema)
  replace(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
  ) {
    return this.documents.replaceDraft(scope, id, KIND, sectionsOf(body));
  }

  @Patch()
  @ApiOperation({
    summary: 'Replace some sections of the draft (opens a new draft version when none is open)',
  })
  @ApiPayloadBody(agreementContentSchema.partial(), SECTIONS)
  patch(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
  ) {
    return this.documents.patchDraft(scope, id, KIND, sectionsOf(body));
  }

  @Get('catalogue-check')
  @ApiOperation({
    summary: "Every requirement of the newest version that the provider's catalogue cannot meet",
  })
  catalogueCheck(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.catalogues.check(scope, id);
  }

  @Get('compare')
  @ApiOperation({
    summary: 'Field-by-field differences between two versions: [{ path, before, after }]',
  })
  compare(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: CompareQueryDto,
  ) {
    return this.documents.compare(scope, id, KIND, query.from, query.to);
  }

  @Get('versions/:version')
  version(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('version', VersionParamPipe) version: number,
  ) {
    return this.documents.getVersion(scope, id, KIND, version);
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
    @Param('version', VersionParamPipe) version: number,
    @Query() query: DocumentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return sendDocument(
      reply,
      await this.documents.document(scope, id, KIND, version, query.format ?? 'html'),
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
    @Param('version', VersionParamPipe) version: number,
  ) {
    return this.documents.propose(scope, id, KIND, version);
  }

  @Post('versions/:version/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "Approve the proposed version (the customer's security lead)" })
  approve(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('version', VersionParamPipe) version: number,
  ) {
    return this.documents.approve(scope, id, KIND, version);
  }

  @Post('versions/:version/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: "Reject the proposed version with a reason (the customer's security lead)",
  })
  reject(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('version', VersionParamPipe) version: number,
    @Body() body: RejectVersionDto,
  ) {
    return this.documents.reject(scope, id, KIND, version, body.reason);
  }
}
