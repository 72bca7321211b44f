import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { AccessScope } from '@app/identity';
import {
  PROPOSAL_DOCUMENT_STYLE_CSP_HASH,
  ProposalDocumentRenderer,
  ProposalDocumentsService,
} from '@app/workflow';
import { sendDocument, VersionParamPipe } from '../agreements/document-params';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { ProposalDocumentQueryDto, ProposalLanguageQueryDto } from './dtos/onboarding.dto';
import { StepKeyPipe } from './step-key.pipe';

/**
 * A proposal as a readable document (HTML, or the PDF drawn from it) in the reader's language,
 * and its field-by-field comparison with the last approved version. Everyone who sees the
 * onboarding reads them; another tenant's onboarding answers 404.
 */
@ApiTags('onboardings')
@ApiBearerAuth()
@Controller('api/onboardings/:id/steps/:key/proposals/:version')
export class StepProposalsController {
  constructor(
    private readonly documents: ProposalDocumentsService,
    private readonly renderer: ProposalDocumentRenderer,
    private readonly pdf: PdfWriter,
  ) {}

  @Get('document')
  @ApiProduces('text/html', 'application/pdf')
  @ApiOperation({
    summary:
      'The proposal as a document: tables, counts and dates, what changed since the last approval marked',
  })
  async document(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Param('version', VersionParamPipe) version: number,
    @Query() query: ProposalDocumentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    const language = query.language ?? scope.language;
    const model = await this.documents.model(scope, id, key, version, language);
    const html = this.renderer.html(model);
    const format = query.format ?? 'html';
    const file = {
      contentType: format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
      body: format === 'pdf' ? await this.pdf.render(html, language) : html,
      sha256: model.hash,
      filename: `${key.replace(/_/g, '-')}-v${version}-${language}.${format}`,
    };
    return sendDocument(reply, file, PROPOSAL_DOCUMENT_STYLE_CSP_HASH);
  }

  @Get('comparison')
  @ApiOperation({
    summary:
      'Field-by-field changes since the last approved version: [{ kind, item, field, before, after }]',
  })
  comparison(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key', StepKeyPipe) key: string,
    @Param('version', VersionParamPipe) version: number,
    @Query() query: ProposalLanguageQueryDto,
  ) {
    return this.documents.comparison(scope, id, key, version, query.language ?? scope.language);
  }
}
