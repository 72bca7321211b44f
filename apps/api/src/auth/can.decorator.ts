import { SetMetadata } from '@nestjs/common';
import type { Capability } from '@app/access';

export const REQUIRED_CAPABILITY = 'requiredCapability';

/**
 * The capability a route needs (see CAPABILITIES in libs/access). The guard asks the role only:
 * routes that take an id check again in the service with the subject after the scoped lookup, so
 * another tenant's object answers 404 before any 403.
 */
export const Can = (capability: Capability): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_CAPABILITY, capability);
