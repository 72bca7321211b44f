import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Capability } from '@app/access';
import { API_KEY_SCOPE } from './api-key-scope.decorator';
import { REQUIRED_CAPABILITY } from './can.decorator';
import { MFA_ENROLMENT_ROUTE } from './mfa-enrolment-route.decorator';
import { IS_PUBLIC } from './public.decorator';

/** What a route's auth decorators say (the handler's own, else its controller's). */
export interface RouteMarks {
  isPublic: boolean;
  apiKeyScope: string | undefined;
  mfaEnrolmentRoute: boolean;
  capability: Capability | undefined;
}

type Target = Parameters<Reflector['getAllAndOverride']>[1][number];

/**
 * Read once per controller and handler, kept for the process: decorators write their metadata
 * when the class is defined and nothing changes it afterwards, so a kept answer cannot go stale.
 * Every request runs the authentication and capability guards, and reading the four marks
 * through reflect-metadata (walking each class's prototype chain) was a thirtieth of a constant
 * endpoint's CPU (bench/http).
 */
const kept = new WeakMap<Target, WeakMap<Target, RouteMarks>>();

export function routeMarks(reflector: Reflector, context: ExecutionContext): RouteMarks {
  const controller: Target = context.getClass();
  const handler: Target = context.getHandler();
  let byHandler = kept.get(controller);
  if (byHandler === undefined) {
    byHandler = new WeakMap();
    kept.set(controller, byHandler);
  }
  let marks = byHandler.get(handler);
  if (marks === undefined) {
    const targets = [handler, controller];
    marks = {
      isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
      apiKeyScope: reflector.getAllAndOverride<string | undefined>(API_KEY_SCOPE, targets),
      mfaEnrolmentRoute:
        reflector.getAllAndOverride<boolean | undefined>(MFA_ENROLMENT_ROUTE, targets) === true,
      capability: reflector.getAllAndOverride<Capability | undefined>(REQUIRED_CAPABILITY, targets),
    };
    byHandler.set(handler, marks);
  }
  return marks;
}
