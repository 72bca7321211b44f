import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainException } from '../errors/domain-exception';
import { RateLimiter } from './rate-limiter';

export interface RateLimitRule {
  /** Names the limit; each bucket counts on its own. */
  bucket: string;
  /** Requests allowed per window and key, read from the validated config. */
  limit: (config: AppConfig) => number;
  windowSeconds: number;
  /** What is counted; by default the client's address. */
  key?: (request: FastifyRequest) => string;
}

const RATE_LIMIT_RULE = 'rateLimitRule';

/**
 * Counts each request in the shared limiter before the handler (and before later guards, e.g.
 * CSRF) runs; over the limit it answers 429 with Retry-After, through the error filter of the
 * route (a JSON error body on the API, the error page on portal pages).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<RateLimitRule | undefined>(RATE_LIMIT_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = rule.key ? rule.key(request) : request.ip;
    const outcome = await this.limiter.hit(
      rule.bucket,
      key,
      rule.limit(this.config),
      rule.windowSeconds,
    );
    if (!outcome.allowed) {
      throw new DomainException(
        'TOO_MANY_REQUESTS',
        'Too many requests; try again shortly',
        undefined,
        outcome.retryAfterSeconds,
      );
    }
    return true;
  }
}

/** Rate limits a controller or route across every process (see RateLimiter). */
export function RateLimited(rule: RateLimitRule): ClassDecorator & MethodDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT_RULE, rule), UseGuards(RateLimitGuard));
}
