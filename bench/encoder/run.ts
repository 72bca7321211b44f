// bench/encoder: CopyBinaryEncoder alone, the Node CPU the import spends writing binary COPY rows.
// It encodes BENCH_ROWS (200,000) endpoint rows the way CopyRowSink does (uuid via `fixed`,
// hostname, site, country, existing product or null, tags, and the memoised OS tail via
// `encoded`) with the current encoder and with the frozen baseline (baseline-encoder.ts),
// BENCH_REPEATS (15) times each, interleaved; it prints best and median wall and CPU times and
// the ratios new/old, after checking that both wrote the same bytes. CPU time is this process's
// (user + system, so with the collector's helper threads). On a shared machine both figures
// wander; compare the ratios of several runs.
//
// The rows come from the same CSV as bench/import's, decoded and parsed as the import does, so
// the strings have the shapes the encoder really gets (slices of decoded chunks; the chunks with
// Japanese or Chinese sites are two-byte strings).
import 'reflect-metadata';
import { CsvParser } from '@app/rollout/inventory/csv/csv-parser';
import {
  EndpointRow,
  RowValidator,
  rowValidatorFor,
} from '@app/rollout/inventory/csv/endpoint-row';
import { CopyBinaryEncoder, encodeFields } from '@app/rollout/inventory/import/copy-binary-encoder';
import { randomFillSync } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import * as baseline from './baseline-encoder';
import { INVENTORY_HEADER, inventoryLine } from '../support/inventory-csv';
import { median } from '../support/median';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);
/** The import reads its file in chunks of this size and flushes the sink after each. */
const READ_BYTES = 256 * 1024;
const FIELDS = 12;

/** What both encoders offer; the bench drives either through it. */
interface Encoder {
  row(fields: number): void;
  text(value: string): void;
  nullableText(value: string | null): void;
  textArray(values: readonly string[]): void;
  fixed(length: number, write: (target: Buffer, at: number) => void): void;
  encoded(fields: Buffer): void;
  take(all?: boolean): Buffer[];
  end(): void;
}

interface Flavour {
  name: string;
  create(): Encoder;
  encodeFields(write: (encoder: Encoder) => void): Buffer;
}

const flavours: Flavour[] = [
  {
    name: 'old',
    create: () => new baseline.CopyBinaryEncoder(),
    encodeFields: baseline.encodeFields,
  },
  { name: 'new', create: () => new CopyBinaryEncoder(), encodeFields },
];

/** bench/import's CSV, as text. */
function csv(rows: number): string {
  const lines = [INVENTORY_HEADER];
  for (let i = 0; i < rows; i += 1) lines.push(inventoryLine(i));
  return `${lines.join('\n')}\n`;
}

/** The rows as the import sees them: UTF-8 read in chunks, decoded, parsed and validated. */
function parseRows(text: string): EndpointRow[] {
  const rows: EndpointRow[] = [];
  let validate: RowValidator | null = null;
  const parser = new CsvParser((record) => {
    if (!validate) {
      const header = rowValidatorFor(record.fields);
      if ('problems' in header) throw new Error(header.problems.join('; '));
      validate = header.validate;
      return;
    }
    const checked = validate(record.fields);
    if ('reason' in checked) throw new Error(`line ${record.line}: ${checked.reason}`);
    rows.push(checked.row);
  });
  const bytes = Buffer.from(text, 'utf8');
  const decoder = new StringDecoder('utf8');
  for (let at = 0; at < bytes.length; at += READ_BYTES)
    parser.write(decoder.write(bytes.subarray(at, at + READ_BYTES)));
  parser.write(decoder.end());
  parser.end();
  return rows;
}

/** Ids from a fixed random pool, so that both encoders write the same bytes. */
class Ids {
  private readonly pool = randomFillSync(Buffer.alloc(16 * 1024));
  private next = 0;
  readonly write = (target: Buffer, at: number): void => {
    const from = (this.next++ & 1023) * 16;
    this.pool.copy(target, at, from, from + 16);
  };
  reset(): void {
    this.next = 0;
  }
}

/** Each row's OS tail (type, family, version, kernel, status, reason), encoded once per OS build. */
function tailsFor(flavour: Flavour, rows: EndpointRow[]): Buffer[] {
  const memo = new Map<string, Buffer>();
  return rows.map((row) => {
    const key = `${row.type}|${row.osFamily}|${row.osVersion}|${row.kernel}`;
    let tail = memo.get(key);
    if (!tail) {
      tail = flavour.encodeFields((e) => {
        e.text(row.type);
        e.text(row.osFamily);
        e.text(row.osVersion);
        e.nullableText(row.kernel);
        e.text('supported');
        e.text('Supported by the current sensor');
      });
      memo.set(key, tail);
    }
    return tail;
  });
}

/** CopyRowSink.row for every row, taking the full chunks as its flush does; the chunks sent. */
function encode(
  flavour: Flavour,
  rows: EndpointRow[],
  tails: Buffer[],
  ids: Ids,
  keep: boolean,
): { ms: number; cpuMs: number; chunks: Buffer[] } {
  const kept: Buffer[] = [];
  ids.reset();
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  const e = flavour.create();
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i];
    e.row(FIELDS);
    e.fixed(16, ids.write);
    e.text(row.hostname);
    e.text(row.site);
    e.text(row.country);
    e.nullableText(row.existingProduct);
    e.textArray(row.tags);
    e.encoded(tails[i]);
    if ((i & 2047) === 2047) {
      const chunks = e.take();
      if (keep) kept.push(...chunks);
    }
  }
  e.end();
  const chunks = e.take(true);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  if (keep) kept.push(...chunks);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, chunks: kept };
}

function main(): void {
  const rows = parseRows(csv(ROWS));
  const ids = new Ids();
  const tails = flavours.map((flavour) => tailsFor(flavour, rows));

  const [oldBytes, newBytes] = flavours.map((flavour, f) =>
    Buffer.concat(encode(flavour, rows, tails[f], ids, true).chunks),
  );
  if (!oldBytes.equals(newBytes)) throw new Error('the encoders wrote different bytes');

  // Warm-up, then timed runs interleaved so that a busy moment of the machine falls on both.
  for (let f = 0; f < flavours.length; f += 1) encode(flavours[f], rows, tails[f], ids, false);
  const wall: number[][] = flavours.map(() => []);
  const cpu: number[][] = flavours.map(() => []);
  for (let r = 0; r < REPEATS; r += 1) {
    for (let f = 0; f < flavours.length; f += 1) {
      if (global.gc) global.gc();
      const run = encode(flavours[f], rows, tails[f], ids, false);
      wall[f].push(run.ms);
      cpu[f].push(run.cpuMs);
    }
  }
  const figures = (values: number[]): string =>
    `best ${Math.min(...values).toFixed(1)} ms, median ${median(values).toFixed(1)} ms`;
  const ratios = ([before, after]: number[][]): string =>
    `best ${(Math.min(...after) / Math.min(...before)).toFixed(2)}, median ${(median(after) / median(before)).toFixed(2)}`;

  console.log(
    `bench/encoder: ${rows.length} rows, ${(newBytes.length / 1048576).toFixed(1)} MB of binary COPY (same bytes from both), ${REPEATS} runs each, interleaved${global.gc ? '' : ' (run node with --expose-gc for a collection before each run)'}`,
  );
  flavours.forEach((flavour, f) =>
    console.log(`  ${flavour.name}: wall ${figures(wall[f])}; CPU ${figures(cpu[f])}`),
  );
  console.log(
    `  new/old: wall ${ratios(wall)}; CPU ${ratios(cpu)}; load average ${loadavg()[0].toFixed(2)} (${cpus().length} CPUs)`,
  );
}

main();
