// Counts the SQL statements this process sends through `pg` (every TypeORM query goes through
// `Client#query`): pg_stat_database counts transactions, and a transaction sends several statements.
import { Client } from 'pg';

let count = 0;
let installed = false;

/** Starts counting (once per process) and returns a reader of the count so far. */
export function countStatements(): () => number {
  if (!installed) {
    installed = true;
    const query = Client.prototype.query as (...args: unknown[]) => unknown;
    Client.prototype.query = function counted(this: Client, ...args: unknown[]): unknown {
      count += 1;
      return query.apply(this, args);
    } as typeof Client.prototype.query;
  }
  return () => count;
}
