import { IncidentAction } from './incident-action.entity';
import { IncidentEscalation } from './incident-escalation.entity';
import { IncidentEvent } from './incident-event.entity';
import { IncidentReview, IncidentReviewItem } from './incident-review.entity';
import { IncidentSlaBreach } from './incident-sla-breach.entity';
import { IncidentTask } from './incident-task.entity';
import { IncidentWebhookConfig } from './incident-webhook-config.entity';
import { Incident } from './incident.entity';
import { PeacetimeTask } from './peacetime-task.entity';

export {
  Incident,
  IncidentAction,
  IncidentEscalation,
  IncidentEvent,
  IncidentReview,
  IncidentReviewItem,
  IncidentSlaBreach,
  IncidentTask,
  IncidentWebhookConfig,
  PeacetimeTask,
};

export const INCIDENT_ENTITIES = [
  Incident,
  IncidentEvent,
  IncidentSlaBreach,
  IncidentTask,
  IncidentAction,
  IncidentEscalation,
  IncidentWebhookConfig,
  PeacetimeTask,
  IncidentReview,
  IncidentReviewItem,
];
