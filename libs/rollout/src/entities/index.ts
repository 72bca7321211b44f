import { BlockListEntry } from '../blocklist/block-list-entry.entity';
import { SecurityProductPlan } from '../coexistence/security-product-plan.entity';
import { EndpointDeployment } from '../deployment/endpoint-deployment.entity';
import { Detection } from '../detections/detection.entity';
import { EndpointGroup, EndpointGroupMember } from '../groups/endpoint-group.entity';
import { GroupPolicy, PolicyChange } from '../groups/group-policy.entity';
import { PastIncident } from '../incidents-history/past-incident.entity';
import { Endpoint } from '../inventory/endpoint.entity';
import { ModeSwitchRequest } from '../phases/mode-switch-request.entity';
import { TuningLogEntry } from '../phases/tuning-log-entry.entity';
import { NotificationRouting } from '../routing/notification-routing.entity';
import { EndpointDecision, EndpointDecisionEndpoint } from '../support/endpoint-decision.entity';
import { SiteBandwidth } from '../waves/site-bandwidth.entity';

export {
  BlockListEntry,
  Detection,
  Endpoint,
  EndpointDecision,
  EndpointDecisionEndpoint,
  EndpointDeployment,
  EndpointGroup,
  EndpointGroupMember,
  GroupPolicy,
  ModeSwitchRequest,
  NotificationRouting,
  PastIncident,
  PolicyChange,
  SecurityProductPlan,
  SiteBandwidth,
  TuningLogEntry,
};

/** Every roll-out table; each part of the roll-out adds its entities here. */
export const ROLLOUT_ENTITIES = [
  Endpoint,
  EndpointDecision,
  EndpointDecisionEndpoint,
  SecurityProductPlan,
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
  EndpointDeployment,
];
