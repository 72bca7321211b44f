import { SetMetadata } from '@nestjs/common';
import type { Role } from '@app/identity';

export const REQUIRED_ROLES = 'requiredRoles';

/**
 * Prefer @Can (can.decorator.ts), which names a capability of the access policy. @Roles remains
 * for /api/overview only, whose roles (no platform admin) differ from overview.read.
 *
 * Roles allowed on a collection route. Routes that take an id check roles in the service after
 * the scoped lookup, so another tenant's object answers 404 before any 403.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
