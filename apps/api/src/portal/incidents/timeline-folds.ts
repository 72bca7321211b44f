/** One timeline event as the incident page prints it. */
export interface TimelineLine {
  type: string;
  who: string | null;
  at: Date;
}

/**
 * A run of the timeline: one event, or several consecutive events of the same kind folded into
 * one line ("11 tasks created") that opens onto each of them.
 */
export interface TimelineRun {
  type: string;
  count: number;
  folded: boolean;
  first: TimelineLine;
  last: TimelineLine;
  events: TimelineLine[];
}

/**
 * Folds consecutive events of the same type (an opening creates a task per runbook step, an
 * escalation round notifies contact after contact) so the timeline reads as what happened.
 * Order is kept; a single event stays a plain line.
 */
export function foldTimeline(events: readonly TimelineLine[]): TimelineRun[] {
  const runs: TimelineLine[][] = [];
  for (const event of events) {
    const current = runs[runs.length - 1];
    if (current && current[0].type === event.type) current.push(event);
    else runs.push([event]);
  }
  return runs.map((run) => ({
    type: run[0].type,
    count: run.length,
    folded: run.length > 1,
    first: run[0],
    last: run[run.length - 1],
    events: run,
  }));
}
