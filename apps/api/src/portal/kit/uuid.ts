import { NotFoundException } from '@app/platform';

/** An id in a portal path or form; anything else is not one of ours. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id in the path answers like an object that is not visible: 404. */
export function requireUuid(value: string, what: string): void {
  if (!UUID.test(value)) throw new NotFoundException(what);
}
