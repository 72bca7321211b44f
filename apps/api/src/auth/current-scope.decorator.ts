import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AccessScope } from '@app/identity';
import { DomainException } from '@app/platform';

/** The signed-in caller's scope, set by the authentication guard. */
export const CurrentScope = createParamDecorator(
  (_: unknown, context: ExecutionContext): AccessScope => {
    const request = context.switchToHttp().getRequest<{ user?: unknown }>();
    if (!(request.user instanceof AccessScope)) {
      throw new DomainException('UNAUTHENTICATED', 'Sign in first');
    }
    return request.user;
  },
);
