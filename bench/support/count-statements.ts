// Counts the SQL statements this process sends through `pg` (every TypeORM query goes through
// `Client#query`): pg_stat_database counts transactions, and a transaction sends several statements.
import { Client } from 'pg';

let count = 0;
let installed = false;
let observe: ((text: string) => void) | undefined;

function textOf(first: unknown): string {
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && 'text' in first) return String(first.text);
  return String(first);
}

/**
 * Starts counting (once per process) and returns a reader of the count so far; `onStatement`
 * (optional) sees each statement's text, to list what a request sends.
 */
export function countStatements(onStatement?: (text: string) => void): () => number {
  observe ??= onStatement;
  if (!installed) {
    installed = true;
    const query = Client.prototype.query as (...args: unknown[]) => unknown;
    Client.prototype.query = function counted(this: Client, ...args: unknown[]): unknown {
      count += 1;
      observe?.(textOf(args[0]));
      return query.apply(this, args);
    } as typeof Client.prototype.query;
  }
  return () => count;
}
