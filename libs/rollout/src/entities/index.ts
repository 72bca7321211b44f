import { Endpoint } from '../inventory/endpoint.entity';
import { EndpointGroup, EndpointGroupMember } from '../groups/endpoint-group.entity';
import { GroupPolicy, PolicyChange } from '../groups/group-policy.entity';
import { SiteBandwidth } from '../waves/site-bandwidth.entity';
import { TuningLogEntry } from '../phases/tuning-log-entry.entity';
import { ModeSwitchRequest } from '../phases/mode-switch-request.entity';

export { Endpoint };
export { EndpointGroup, EndpointGroupMember, GroupPolicy, PolicyChange, SiteBandwidth, TuningLogEntry, ModeSwitchRequest };
import { BlockListEntry } from '../blocklist/block-list-entry.entity';
import { PastIncident } from '../incidents-history/past-incident.entity';
import { NotificationRouting } from '../routing/notification-routing.entity';
import { Detection } from '../detections/detection.entity';

export { BlockListEntry, PastIncident, NotificationRouting, Detection };

/** Every roll-out table; each part of the roll-out adds its entities here. */
export const ROLLOUT_ENTITIES = [
  Endpoint,
  EndpointGroup,
  EndpointGroupMember,
  GroupPolicy,
  PolicyChange,
  SiteBandwidth,
  TuningLogEntry,
  ModeSwitchRequest,
  BlockListEntry,
  PastIncident,
  NotificationRouting,
  Detection,
];
