import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { refuseUnrepresentable } from '../errors/unrepresentable-input';

/**
 * The one place that keeps text PostgreSQL cannot store (a NUL, an unpaired surrogate) out of
 * every route: path parameters, the query string and a parsed body (JSON or form), checked
 * before any pipe, DTO or handler sees them, answered 400 naming the field. It covers handlers
 * that read `request.query` themselves too. Multipart parts are streamed by the route, so the
 * upload reader checks its fields and file name with the same function.
 *
 * A guard registered after the authentication and capability guards, so it runs where an
 * interceptor would (after them, before the pipes) with the same answers; not an interceptor,
 * because Nest wraps every interceptor call in rxjs and an AsyncResource binding, which cost
 * about a sixth of the CPU of a constant endpoint (bench/http).
 */
@Injectable()
export class UnrepresentableInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      refuseUnrepresentable(request.params, request.query, request.body);
    }
    return true;
  }
}
