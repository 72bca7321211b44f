import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** RFC 4180 rows (quoted cells with commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

const VERIFY_CORE = resolve(__dirname, '../../../libs/proof/src/verifier/verify-core.mjs');

/** Walks an exported chain with the offline verifier's own hashing (verify-core.mjs). */
const WALK = `
import { auditHash } from ${JSON.stringify(pathToFileURL(VERIFY_CORE).href)};
let input = '';
for await (const chunk of process.stdin) input += chunk;
const problems = [];
let previous = '0'.repeat(64);
for (const [index, record] of JSON.parse(input).entries()) {
  if (record.chainSeq !== String(index + 1)) problems.push('#' + (index + 1) + ' missing or out of order');
  if (record.prevHash !== previous) problems.push('#' + record.chainSeq + ' not linked');
  if ((await auditHash(record, previous)) !== record.hash) problems.push('#' + record.chainSeq + ' ' + record.action + ' altered');
  previous = record.hash;
}
process.stdout.write(JSON.stringify(problems));
`;

/**
 * What the offline verifier says of an exported chain, in a separate Node process with no part
 * of the portal loaded: each record at its position, linked, its hash recomputed. Empty: whole.
 */
export function offlineChainProblems(records: readonly object[]): string[] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', WALK], {
    input: JSON.stringify(records),
  });
  return JSON.parse(out.toString('utf8')) as string[];
}
