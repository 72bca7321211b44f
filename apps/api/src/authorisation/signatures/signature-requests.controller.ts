import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SignatureRequestsService, SignatureRequestView, SigningService } from '@app/authorisation';
import { AccessScope } from '@app/identity';
import { sendDocument } from '../../agreements/document-params';
import { DocumentQueryDto } from '../../agreements/dtos/version-actions.dto';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import {
  CreateSignatureRequestDto,
  DeclineDto,
  RevokeSignatureRequestDto,
  SignDto,
} from './signature-request.dtos';

/**
 * Signature requests of an onboarding's domain authorisation: the provider (lead, analyst) or
 * the account manager asks a customer signer; the signer signs (password again) or declines.
 * Another tenant's onboarding or request answers 404; a visible one with the wrong role, 403.
 */
@ApiTags('signatures')
@ApiBearerAuth()
@Controller('api/onboardings/:id/signature-requests')
export class SignatureRequestsController {
  constructor(
    private readonly requests: SignatureRequestsService,
    private readonly signing: SigningService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Ask a named customer signer to sign the authorisation letter or an agreement version',
  })
  create(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateSignatureRequestDto,
  ): Promise<SignatureRequestView> {
    return this.requests.create(scope, id, body);
  }

  @Get()
  @ApiOperation({ summary: "The onboarding's signature requests, newest first" })
  async list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<{ items: SignatureRequestView[] }> {
    return { items: await this.requests.list(scope, id) };
  }

  @Get(':requestId')
  @ApiOperation({ summary: 'One request with its events' })
  get(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
  ): Promise<SignatureRequestView> {
    return this.requests.get(scope, id, requestId);
  }

  @Post(':requestId/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a pending request with a reason (provider lead/analyst, account manager)',
  })
  revoke(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Body() body: RevokeSignatureRequestDto,
  ): Promise<SignatureRequestView> {
    return this.requests.revoke(scope, id, requestId, body.reason);
  }

  @Get(':requestId/document')
  @ApiProduces('text/html', 'application/pdf')
  @ApiOperation({
    summary:
      'The document to sign, byte for byte; X-Document-SHA256 is what the signature binds to',
  })
  async document(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Query() query: DocumentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return sendDocument(
      reply,
      await this.requests.document(scope, id, requestId, query.format ?? 'html'),
    );
  }

  @Post(':requestId/sign')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign as the named signer: the typed full name, re-authenticated with your strongest factor (passkey, else authenticator app code, else password; 400 names the field needed)',
  })
  sign(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Body() body: SignDto,
  ): Promise<SignatureRequestView> {
    return this.signing.decideAsUser(
      scope,
      id,
      requestId,
      { kind: 'sign', typedName: body.typedName },
      { password: body.password, code: body.code, passkey: body.passkey },
    );
  }

  @Post(':requestId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline as the named signer, with a reason' })
  decline(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Body() body: DeclineDto,
  ): Promise<SignatureRequestView> {
    return this.signing.decideAsUser(
      scope,
      id,
      requestId,
      { kind: 'decline', reason: body.reason },
      null,
    );
  }

  @Get(':requestId/certificate')
  @ApiProduces('text/html', 'application/pdf')
  @ApiOperation({
    summary:
      'Certificate of completion: every event with signer, time, IP, user agent, method and the document SHA-256',
  })
  async certificate(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Query() query: DocumentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return sendDocument(
      reply,
      await this.requests.certificate(scope, id, requestId, query.format ?? 'html'),
    );
  }
}
