import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { refuseUnrepresentable } from '../errors/unrepresentable-input';

/**
 * The one place that keeps text PostgreSQL cannot store (a NUL, an unpaired surrogate) out of
 * every route: path parameters, the query string and a parsed body (JSON or form), checked
 * before any pipe, DTO or handler sees them, answered 400 naming the field. It covers handlers
 * that read `request.query` themselves too. Multipart parts are streamed by the route, so the
 * upload reader checks its fields and file name with the same function.
 */
@Injectable()
export class UnrepresentableInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      refuseUnrepresentable(request.params, request.query, request.body);
    }
    return next.handle();
  }
}
