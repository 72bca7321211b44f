import { SetMetadata } from '@nestjs/common';
import type { ApiKeyScopeName } from '@app/identity';

export const API_KEY_SCOPE = 'apiKeyScope';

/**
 * The scope an API key needs on this route. Routes without one refuse every key (403): a key
 * reaches only what some scope names, never a route added later by default.
 */
export const ApiKeyScope = (scope: ApiKeyScopeName): MethodDecorator =>
  SetMetadata(API_KEY_SCOPE, scope);
