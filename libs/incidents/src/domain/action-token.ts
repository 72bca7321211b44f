/** The OneTimeToken purpose and subject type of the emailed approve/decline links. */
export const INCIDENT_ACTION_PURPOSE = 'incident-action';
export const INCIDENT_ACTION_SUBJECT = 'incident_action';

/** The same for the emailed acknowledgement links of an escalation. */
export const INCIDENT_ESCALATION_PURPOSE = 'incident-escalation';
export const INCIDENT_ESCALATION_SUBJECT = 'incident_escalation';

/** An `authorize` request has no agreed timeout; its emailed link lasts this long (the portal stays open). */
export const UNTIMED_LINK_SECONDS = 24 * 3600;
