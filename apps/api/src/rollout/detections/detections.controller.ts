import { Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessScope } from '@app/identity';
import { DomainException, RateLimited } from '@app/platform';
import { DetectionsService, SIGNATURE_HEADER } from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { Public } from '../../auth/public.decorator';
import { requestMeta } from '../../auth/request-meta';
import { paging, PagingQueryDto } from '../../common/paging.dto';
import { uuidParam } from '../../common/uuid-param';
import { rawBodyOf } from '../../http/raw-body';
import { ApiKeyScope } from '../../auth/api-key-scope.decorator';
import { ApiDetectionWebhookBody } from '../../openapi/request-bodies';

/**
 * The EDR's detection webhook (public, authenticated by the engagement's HMAC secret or an API
 * key with `detections:write`) and the
 * list of stored detections (signed-in users of the engagement).
 */
@ApiTags('detections')
@Controller('api/engagements/:id/detections')
export class DetectionsController {
  constructor(private readonly detections: DetectionsService) {}

  @Public()
  @ApiKeyScope('detections:write')
  @Post()
  // Per caller and engagement: one customer's EDR flood does not stop another's.
  @RateLimited({
    bucket: 'detection-webhook',
    limit: (config) => config.webhookRateLimit,
    windowSeconds: 60,
    key: (request) => `${request.ip} ${(request.params as { id?: string }).id ?? ''}`,
  })
  @ApiDetectionWebhookBody()
  @ApiHeader({
    name: 'X-Signature',
    description: 'sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>',
  })
  @ApiOperation({ summary: 'Webhook: ingest a detection (201 new, 200 repeat of the same EDR id)' })
  async ingest(
    @Param('id', uuidParam('id')) id: string,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // An API key with detections:write was checked by the authentication guard instead of the signature.
    const keyScope = (request as FastifyRequest & { user?: unknown }).user;
    if (keyScope instanceof AccessScope) {
      const delivered = await this.detections.ingestWithKey(keyScope, id, request.body);
      void reply.status(delivered.created ? 201 : 200);
      return { id: delivered.detection.id, created: delivered.created };
    }
    const rawBody = rawBodyOf(request);
    if (rawBody === null)
      throw new DomainException('UNAUTHENTICATED', 'A signed JSON body is required');
    const result = await this.detections.ingest(id, {
      rawBody,
      signature,
      body: request.body,
      ...requestMeta(request),
    });
    void reply.status(result.created ? 201 : 200);
    return { id: result.detection.id, created: result.created };
  }

  @ApiBearerAuth()
  @ApiKeyScope('detections:read')
  @Get()
  @ApiOperation({ summary: 'Stored detections, newest first' })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: PagingQueryDto,
  ) {
    return this.detections.list(scope, id, paging(query));
  }
}
