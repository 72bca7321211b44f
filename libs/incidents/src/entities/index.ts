import { IncidentAction } from './incident-action.entity';
import { IncidentEvent } from './incident-event.entity';
import { IncidentSlaBreach } from './incident-sla-breach.entity';
import { IncidentTask } from './incident-task.entity';
import { Incident } from './incident.entity';

export { Incident, IncidentAction, IncidentEvent, IncidentSlaBreach, IncidentTask };

export const INCIDENT_ENTITIES = [Incident, IncidentEvent, IncidentSlaBreach, IncidentTask, IncidentAction];
