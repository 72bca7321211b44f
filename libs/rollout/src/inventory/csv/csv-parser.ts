/** One CSV record as it came: its fields, the physical line it starts on, and what is wrong with it. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** Set when the record breaks RFC 4180 (e.g. text after a closing quote); fields are then partial. */
  error?: string;
}

/** Longest record accepted: a stray quote must not make the parser buffer the rest of the file. */
const MAX_RECORD_CHARS = 64 * 1024;

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/** What record() returns when the text ends before the record does. */
const INCOMPLETE = -1;

/**
 * A streaming RFC 4180 parser: feed it text chunks in order and it emits each complete record.
 * Quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF or LF; a
 * leading BOM and blank lines are skipped. Only the unfinished tail of a chunk is kept between
 * calls, so memory is bounded by the longest record, not the file.
 */
export class CsvParser {
  private carry = '';
  private line = 1;
  private started = false;
  private done = false;
  /** After an over-long record: drop input up to the next line break. */
  private skipping = false;
  /**
   * The next `,`, LF and CR at or after where they were last looked for, in the text consume() is
   * on (its length if none). Found with indexOf, which is faster than testing each character,
   * and kept between fields so that no stretch of text is searched twice for the same one.
   */
  private nextComma = -1;
  private nextLf = -1;
  private nextCr = -1;
  /** Set by record(): how many physical lines the record spans, and its first RFC 4180 breach. */
  private lines = 0;
  private error: string | null = null;

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  write(chunk: string): void {
    let text = this.carry + chunk;
    if (this.skipping) {
      const cut = text.indexOf('\n');
      if (cut < 0) return;
      this.skipping = false;
      this.line += 1;
      text = text.slice(cut + 1);
    }
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.carry = this.consume(text, false);
  }

  /** The end of input: the last record may lack its line break. */
  end(): void {
    if (this.done) return;
    this.done = true;
    const rest = this.consume(this.carry, true);
    if (rest.length > 0) throw new Error('unreachable: text left at the end of input');
    this.carry = '';
  }

  private consume(text: string, final: boolean): string {
    let pos = 0;
    this.nextComma = this.nextLf = this.nextCr = -1;
    while (pos < text.length) {
      const fields: string[] = [];
      const next = this.record(text, pos, final, fields);
      if (next === INCOMPLETE) {
        if (text.length - pos > MAX_RECORD_CHARS) {
          // Give up on this record: report it and resume after the next line break.
          const cut = text.indexOf('\n', pos + MAX_RECORD_CHARS);
          this.onRecord({
            fields: [],
            line: this.line,
            error: `record is longer than ${MAX_RECORD_CHARS} characters (unclosed quote?)`,
          });
          if (cut < 0) {
            this.skipping = !final;
            return '';
          }
          this.line += countLineBreaks(text, pos, cut + 1);
          pos = cut + 1;
          continue;
        }
        return text.slice(pos);
      }
      const error = this.error;
      const blank = fields.length === 1 && fields[0] === '' && error === null;
      if (!blank)
        this.onRecord(
          error !== null ? { fields, line: this.line, error } : { fields, line: this.line },
        );
      this.line += this.lines;
      pos = next;
    }
    return '';
  }

  /**
   * Parses one record at `start` into `fields`; returns where the next one starts, or INCOMPLETE.
   * Sets `lines` (how many physical lines it spans, with its break) and `error`. Nothing else is
   * allocated per record: a result object and an error list each were, for every row.
   */
  private record(text: string, start: number, final: boolean, fields: string[]): number {
    let pos = start;
    let lines = 0;
    this.error = null;
    const length = text.length;
    for (;;) {
      if (pos < length && text.charCodeAt(pos) === QUOTE) {
        let value = '';
        let from = pos + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0 && final) {
            fields.push(value + text.slice(from));
            this.error ??= `field ${fields.length} has no closing quote`;
            this.lines = lines + 1 + countLineBreaks(text, from, length);
            return length;
          }
          if (close < 0 || (close + 1 >= length && !final)) return INCOMPLETE;
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          pos = close + 1;
          break;
        }
        lines += countLineBreaks(value, 0, value.length);
        fields.push(value);
        const after = pos < length ? text.charCodeAt(pos) : -1;
        if (after !== COMMA && after !== CR && after !== LF && after !== -1) {
          this.error ??= `unexpected text after a closing quote in field ${fields.length}`;
          // Skip to the end of the field so that the rest of the record still parses.
          while (pos < length && !isDelimiter(text.charCodeAt(pos))) pos += 1;
          if (pos >= length && !final) return INCOMPLETE;
        }
      } else {
        const end = this.delimiterFrom(text, pos);
        if (end >= length && !final) return INCOMPLETE;
        fields.push(text.slice(pos, end));
        pos = end;
      }
      if (pos >= length) {
        this.lines = lines + 1;
        return pos;
      }
      const c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos += 1;
        if (pos >= length && !final) return INCOMPLETE;
        if (pos >= length) {
          fields.push('');
          this.lines = lines + 1;
          return pos;
        }
        continue;
      }
      this.lines = lines + 1;
      if (c === CR) {
        if (pos + 1 >= length && !final) return INCOMPLETE;
        return text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
      }
      return pos + 1;
    }
  }

  /** Where the unquoted field at `from` ends: the next `,`, LF or CR, or the end of the text. */
  private delimiterFrom(text: string, from: number): number {
    if (this.nextComma < from) this.nextComma = indexOrEnd(text, ',', from);
    if (this.nextLf < from) this.nextLf = indexOrEnd(text, '\n', from);
    if (this.nextCr < from) this.nextCr = indexOrEnd(text, '\r', from);
    return Math.min(this.nextComma, this.nextLf, this.nextCr);
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === LF || c === CR;
}

/** Line breaks (CRLF, LF or a lone CR) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === LF) count += 1;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count += 1;
  }
  return count;
}
