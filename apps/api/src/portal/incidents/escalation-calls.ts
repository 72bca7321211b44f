import type { IncidentEscalationView } from '@app/incidents';

/** One escalation call as the incident page shows it. */
export interface EscalationCall {
  id: string;
  round: number;
  contactName: string;
  status: IncidentEscalationView['status'];
  outOfHours: boolean;
  notifiedAt: Date;
  ackDueAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedVia: IncidentEscalationView['acknowledgedVia'];
  /** The signed-in viewer is the contact this call was mailed to. */
  addressedToViewer: boolean;
  /** Where the acknowledgement form posts; null when the viewer may not answer it now. */
  acknowledgeAction: string | null;
}

/**
 * The incident's escalation calls for its page: every call (provider and customer follow the
 * round), and apart the calls still waiting, which the customer's people acknowledge here as the
 * emailed link would. The addressee is recognised by the address the call was mailed to.
 */
export function escalationCalls(
  calls: readonly IncidentEscalationView[],
  viewer: { path: string; viewerEmail: string; mayAcknowledge: boolean },
): { all: EscalationCall[]; pending: EscalationCall[] } {
  const email = viewer.viewerEmail.trim().toLowerCase();
  const all = calls.map((call) => {
    const pending = call.status === 'pending';
    return {
      id: call.id,
      round: call.round,
      contactName: call.contactName,
      status: call.status,
      outOfHours: call.outOfHours,
      notifiedAt: new Date(call.notifiedAt),
      ackDueAt: new Date(call.ackDueAt),
      acknowledgedAt: call.acknowledgedAt ? new Date(call.acknowledgedAt) : null,
      acknowledgedVia: call.acknowledgedVia,
      addressedToViewer: call.contactEmail.trim().toLowerCase() === email,
      acknowledgeAction:
        pending && viewer.mayAcknowledge
          ? `${viewer.path}/escalations/${call.id}/acknowledge`
          : null,
    };
  });
  return { all, pending: all.filter((call) => call.status === 'pending') };
}
