// Preloaded into an API process by bench/load (`node --require`): counts the SQL statements the
// process sends through `pg` and, on SIGUSR2, writes the count to the file named by
// BENCH_STATEMENT_COUNT_FILE, so the bench can say how many statements a request costs
// (pg_stat_database counts transactions, and a transition sends many statements in one).
// With BENCH_STATEMENT_LOG set, every statement's text is also appended to that file (one line
// each, and a `-- count N` line at each SIGUSR2, which the bench sends before and after each
// probe), to read what a request sends; slow, for looking, not for figures.
import { appendFileSync, writeFileSync } from 'node:fs';
import { countStatements } from '../support/count-statements';

const file = process.env.BENCH_STATEMENT_COUNT_FILE;
const log = process.env.BENCH_STATEMENT_LOG;
if (file) {
  const statements = countStatements(
    log ? (text) => appendFileSync(log, `${text.replace(/\s+/g, ' ').slice(0, 400)}\n`) : undefined,
  );
  process.on('SIGUSR2', () => {
    if (log) appendFileSync(log, `-- count ${statements()}\n`);
    writeFileSync(file, String(statements()));
  });
}
