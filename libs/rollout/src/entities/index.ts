import { Endpoint } from '../inventory/endpoint.entity';
import { BlockListEntry } from '../blocklist/block-list-entry.entity';
import { PastIncident } from '../incidents-history/past-incident.entity';
import { NotificationRouting } from '../routing/notification-routing.entity';
import { Detection } from '../detections/detection.entity';

export { Endpoint };
export { BlockListEntry, PastIncident, NotificationRouting, Detection };

/** Every roll-out table; each part of the roll-out adds its entities here. */
export const ROLLOUT_ENTITIES = [
  Endpoint,
  BlockListEntry,
  PastIncident,
  NotificationRouting,
  Detection,
];
