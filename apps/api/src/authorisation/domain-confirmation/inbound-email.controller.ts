import { Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfirmationDecisionsService, verifyInboundSignature } from '@app/authorisation';
import { MailRepliesService } from '@app/collaboration';
import { APP_CONFIG, AppConfig, DomainException, RateLimited } from '@app/platform';
import { Public } from '../../auth/public.decorator';
import { inboundCommentMailOf, inboundReplyOf } from './inbound-reply';
import { rawBodyOf } from './raw-mail-body';
import { ApiRawMailBody } from '../../openapi/request-bodies';

/**
 * The inbound-mail webhook: the mail provider posts each received message raw, signed with the
 * shared secret. A message to a comment mail's reply address becomes a comment in that
 * conversation (or is ignored: automatic, unknown sender); a reply from the recipient that
 * references a waiting domain-permission request confirms it.
 */
@ApiTags('domain confirmations')
@Controller('api/inbound/email')
export class InboundEmailController {
  constructor(
    private readonly decisions: ConfirmationDecisionsService,
    private readonly commentReplies: MailRepliesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @RateLimited({
    bucket: 'inbound-email',
    limit: (config) => config.webhookRateLimit,
    windowSeconds: 60,
  })
  @HttpCode(202)
  @ApiRawMailBody()
  @ApiHeader({
    name: 'X-Signature',
    description: 'sha256=<hex HMAC-SHA256 of the raw body with INBOUND_EMAIL_SECRET>',
  })
  @ApiOperation({
    summary:
      'Receive a raw RFC 822 message; a reply to a comment mail becomes a comment, a genuine reply to a domain-permission request confirms it (200); anything else is ignored (202)',
  })
  async receive(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('x-signature') signature?: string,
  ): Promise<{ matched: boolean }> {
    const raw = rawBodyOf(request);
    if (!raw)
      throw new DomainException(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the message as message/rfc822 or text/plain',
      );
    if (!verifyInboundSignature(this.config.inboundEmailSecret, raw, signature)) {
      throw new DomainException('UNAUTHENTICATED', 'Missing or invalid X-Signature');
    }
    // Loaded with the first message: mailparser costs the start half a second.
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
    });
    const toConversation = await this.commentReplies.receive(inboundCommentMailOf(parsed));
    const matched =
      toConversation === 'not-for-conversations'
        ? await this.decisions.confirmByReply(inboundReplyOf(parsed))
        : toConversation === 'commented';
    if (matched) void reply.status(200);
    return { matched };
  }
}
