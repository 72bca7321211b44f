import { DomainException } from '@app/platform';

/** Why the roll-out (inventory, groups, phases, block list, routing) refuses. */
export const ROLLOUT_ERROR_CODES = [
  /** Some rows of an import are invalid and nothing was imported; details: the report. */
  'IMPORT_ROWS_INVALID',
  /** A group's rule or policy overlaps another group's; details: `{ group }`. */
  'GROUP_OVERLAP',
  /** A mode switch of the group already waits for a decision; details: `{ requestId }`. */
  'MODE_SWITCH_PENDING',
  'MODE_SWITCH_ALREADY_DECIDED',
  /** The group is not ready to switch mode; details: `{ reasons, … }`. */
  'MODE_SWITCH_NOT_READY',
  /** The value is already on the block list; details: `{ existingId }`. */
  'BLOCK_LIST_DUPLICATE',
  /** An endpoint decision that is no longer proposed. */
  'DECISION_ALREADY_DECIDED',
  /** The notification routing (and its secret) is not set up yet. */
  'ROUTING_NOT_SET_UP',
] as const;

export type RolloutErrorCode = (typeof ROLLOUT_ERROR_CODES)[number];

export class RolloutError extends DomainException<RolloutErrorCode> {}
