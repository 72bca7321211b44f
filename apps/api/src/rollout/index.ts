import { BlockListController } from './blocklist/block-list.controller';
import { DetectionsController } from './detections/detections.controller';
import { PastIncidentsController } from './incidents-history/past-incidents.controller';
import { NotificationRoutingController } from './routing/notification-routing.controller';

/** Block lists, past incidents and effectiveness, notification routing, detections. */
export const PROTECTION_CONTROLLERS = [
  BlockListController,
  PastIncidentsController,
  NotificationRoutingController,
  DetectionsController,
];
import { EndpointDecisionsController } from './inventory/endpoint-decisions.controller';
import { EndpointsController } from './inventory/endpoints.controller';
import { SecurityProductsController } from './inventory/security-products.controller';

export const INVENTORY_CONTROLLERS = [
  EndpointsController,
  EndpointDecisionsController,
  SecurityProductsController,
];
