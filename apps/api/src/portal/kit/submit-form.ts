/** A refusal as a page shows it: what to say (a problem, a message key, a flash) and the status. */
export interface Refused<P> {
  problem: P;
  status: number;
}

/**
 * Which errors refuse a form, and how: the problem to show with its status, or null for an error
 * that is not a refusal of this form (a bug, a lost database, another tenant's id…), which then
 * goes on to the portal's exception filter and its error page.
 */
export type RefusalReader<P> = (error: unknown) => Refused<P> | null;

/** How one posted form ends: taken (`done`) or refused (`refused`, as `reads` explains it). */
export interface FormOutcome<R, P> {
  reads: RefusalReader<P>;
  /** The page again, with the problem and what was typed, at the refusal's status. */
  refused: (problem: P, status: number) => Promise<void>;
  /** The answer to a form the service took: usually 303 back to the page. */
  done: (result: R) => Promise<void>;
}

/**
 * The portal's one way to run a posted form: `attempt` parses the form and calls the lib; a
 * refusal it throws is read by `outcome.reads` and answered by `outcome.refused`; anything the
 * reader does not claim is rethrown untouched to the portal's filter (error page, 500). What
 * `done` or `refused` themselves throw is never read as a refusal.
 */
export async function submitForm<R, P>(
  attempt: () => Promise<R>,
  outcome: FormOutcome<R, P>,
): Promise<void> {
  let result: R;
  try {
    result = await attempt();
  } catch (error: unknown) {
    const refusal = outcome.reads(error);
    if (!refusal) throw error;
    return outcome.refused(refusal.problem, refusal.status);
  }
  await outcome.done(result);
}
