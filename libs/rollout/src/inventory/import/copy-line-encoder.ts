import type { Classification } from '../../support/classify-endpoint';
import type { EndpointRow } from '../csv/endpoint-row';
import { ID_LENGTH, TimeOrderedIds } from './time-ordered-ids';

/** How a string is written: as is, as a COPY text field, or as a quoted text[] element inside one. */
const RAW = 0;
const TEXT = 1;
const ELEMENT = 2;
type Mode = typeof RAW | typeof TEXT | typeof ELEMENT;

const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const BACKSLASH = 92;
const LOWER_N = 110;
const LOWER_R = 114;
const LOWER_T = 116;
const UPPER_N = 78;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** UTF-8 bytes a UTF-16 code unit can take once escaped twice (a `\` in a tag becomes `\\\\`). */
const MAX_BYTES_PER_UNIT = 4;

/**
 * Builds COPY text-format lines for endpoint rows straight into UTF-8 bytes: id, the row's columns
 * (backslash, tab and line breaks escaped, `\N` for null, tags as a text[] literal) and the
 * classification. One big JS string per flush cost more than the rows themselves (concatenation,
 * then flattening and encoding it all again), so nothing is built as a string. The bytes are the
 * ones `Buffer.from(line)` gives for the same line, lone surrogates included (U+FFFD).
 */
export class CopyLineEncoder {
  private bytes: Buffer;
  private used = 0;
  private readonly prefix: Buffer;
  /** The last two columns per classification (classifications are memoised: few distinct ones). */
  private readonly tails = new Map<Classification, Buffer>();

  /**
   * `prefix` starts every line (e.g. the engagement id column and its tab). `capacity` is the
   * starting buffer size: a 256 KB chunk of CSV makes about 560 KB of lines; it grows if need be.
   */
  constructor(
    prefix: string,
    private readonly ids: Pick<TimeOrderedIds, 'write'>,
    private capacity = 1024 * 1024,
  ) {
    this.prefix = Buffer.from(prefix);
    this.capacity = Math.max(capacity, 64);
    this.bytes = Buffer.allocUnsafe(this.capacity);
  }

  /** Bytes written since the last take(). */
  get length(): number {
    return this.used;
  }

  add(row: EndpointRow, classification: Classification): void {
    const tail = this.tailOf(classification);
    const tags = row.tags;
    let units = row.hostname.length + row.type.length + row.osFamily.length + row.osVersion.length + row.site.length + row.country.length;
    units += (row.kernel?.length ?? 0) + (row.existingProduct?.length ?? 0);
    for (let i = 0; i < tags.length; i += 1) units += tags[i].length + 3;
    this.reserve(this.prefix.length + ID_LENGTH + MAX_BYTES_PER_UNIT * units + 32 + tail.length);
    const b = this.bytes;
    let at = this.used;
    b.set(this.prefix, at);
    at += this.prefix.length;
    at = this.ids.write(b, at);
    b[at++] = TAB;
    at = put(b, at, row.hostname, TEXT);
    b[at++] = TAB;
    at = put(b, at, row.type, RAW);
    b[at++] = TAB;
    at = put(b, at, row.osFamily, RAW);
    b[at++] = TAB;
    at = put(b, at, row.osVersion, TEXT);
    b[at++] = TAB;
    at = putNullable(b, at, row.kernel);
    b[at++] = TAB;
    at = put(b, at, row.site, TEXT);
    b[at++] = TAB;
    at = put(b, at, row.country, RAW);
    b[at++] = TAB;
    at = putNullable(b, at, row.existingProduct);
    b[at++] = TAB;
    b[at++] = OPEN_BRACE;
    for (let i = 0; i < tags.length; i += 1) {
      if (i > 0) b[at++] = COMMA;
      b[at++] = QUOTE;
      at = put(b, at, tags[i], ELEMENT);
      b[at++] = QUOTE;
    }
    b[at++] = CLOSE_BRACE;
    b[at++] = TAB;
    b.set(tail, at);
    this.used = at + tail.length;
  }

  /** The lines written so far, as one chunk; the encoder starts afresh (the chunk is not reused). */
  take(): Buffer {
    const chunk = this.bytes.subarray(0, this.used);
    this.bytes = Buffer.allocUnsafe(this.capacity);
    this.used = 0;
    return chunk;
  }

  private tailOf(classification: Classification): Buffer {
    let tail = this.tails.get(classification);
    if (tail === undefined) {
      const reason = Buffer.allocUnsafe(MAX_BYTES_PER_UNIT * classification.reason.length);
      tail = Buffer.concat([Buffer.from(`${classification.status}\t`), reason.subarray(0, put(reason, 0, classification.reason, TEXT)), Buffer.from('\n')]);
      this.tails.set(classification, tail);
    }
    return tail;
  }

  /** Room for `bytes` more: a bigger buffer, and the bigger size from then on. */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.bytes.length) return;
    while (this.capacity < this.used + bytes) this.capacity *= 2;
    const grown = Buffer.allocUnsafe(this.capacity);
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }
}

function putNullable(b: Buffer, at: number, value: string | null): number {
  if (value !== null) return put(b, at, value, TEXT);
  b[at] = BACKSLASH;
  b[at + 1] = UPPER_N;
  return at + 2;
}

/** Writes `s` as UTF-8 at `at`, escaped as `mode` says; returns the offset after it. */
function put(b: Buffer, at: number, s: string, mode: Mode): number {
  const n = s.length;
  for (let i = 0; i < n; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      // Printable ASCII other than `\` and `"` is the common case and is never escaped.
      if (c >= 0x20 && c !== BACKSLASH && c !== QUOTE) b[at++] = c;
      else at = putSpecial(b, at, c, mode);
    } else if (c < 0x800) {
      b[at++] = 0xc0 | (c >> 6);
      b[at++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const point = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
      i += 1;
      b[at++] = 0xf0 | (point >> 18);
      b[at++] = 0x80 | ((point >> 12) & 0x3f);
      b[at++] = 0x80 | ((point >> 6) & 0x3f);
      b[at++] = 0x80 | (point & 0x3f);
    } else {
      // A lone surrogate: Buffer.from writes U+FFFD for it.
      const unit = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
      b[at++] = 0xe0 | (unit >> 12);
      b[at++] = 0x80 | ((unit >> 6) & 0x3f);
      b[at++] = 0x80 | (unit & 0x3f);
    }
  }
  return at;
}

/** An ASCII control character, `\` or `"`: array escaping (`\` before `"` and `\`), then COPY's. */
function putSpecial(b: Buffer, at: number, c: number, mode: Mode): number {
  if (mode === RAW) {
    b[at] = c;
    return at + 1;
  }
  if (mode === ELEMENT && (c === QUOTE || c === BACKSLASH)) {
    // The array literal's `\` is itself a backslash in COPY text.
    b[at++] = BACKSLASH;
    b[at++] = BACKSLASH;
  }
  switch (c) {
    case BACKSLASH:
      b[at++] = BACKSLASH;
      b[at++] = BACKSLASH;
      return at;
    case TAB:
      b[at++] = BACKSLASH;
      b[at++] = LOWER_T;
      return at;
    case LF:
      b[at++] = BACKSLASH;
      b[at++] = LOWER_N;
      return at;
    case CR:
      b[at++] = BACKSLASH;
      b[at++] = LOWER_R;
      return at;
    default:
      b[at] = c;
      return at + 1;
  }
}
