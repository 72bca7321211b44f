import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessScope, can, rolesHolding } from '@app/access';
import { ForbiddenException } from '@app/platform';
import { routeMarks } from './route-marks';

/** Enforces @Can: 403 unless the caller holds the capability's role (the subject comes later). */
@Injectable()
export class CanGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const { capability } = routeMarks(this.reflector, context);
    if (!capability) return true;
    const user = context.switchToHttp().getRequest<{ user?: unknown }>().user;
    if (user instanceof AccessScope && can(user, capability)) return true;
    throw new ForbiddenException(
      `This action needs one of the roles: ${rolesHolding(capability).join(', ')}`,
    );
  }
}
