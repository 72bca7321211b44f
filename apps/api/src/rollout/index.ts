import { EndpointDecisionsController } from './inventory/endpoint-decisions.controller';
import { EndpointsController } from './inventory/endpoints.controller';
import { SecurityProductsController } from './inventory/security-products.controller';

export const INVENTORY_CONTROLLERS = [EndpointsController, EndpointDecisionsController, SecurityProductsController];
