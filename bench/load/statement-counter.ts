// Preloaded into an API process by bench/load (`node --require`): counts the SQL statements the
// process sends through `pg` and, on SIGUSR2, writes the count to the file named by
// BENCH_STATEMENT_COUNT_FILE, so the bench can say how many statements a request costs
// (pg_stat_database counts transactions, and a transition sends many statements in one).
import { writeFileSync } from 'node:fs';
import { countStatements } from '../support/count-statements';

const file = process.env.BENCH_STATEMENT_COUNT_FILE;
if (file) {
  const statements = countStatements();
  process.on('SIGUSR2', () => writeFileSync(file, String(statements())));
}
