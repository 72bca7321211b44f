import type { StoredRows } from './stored-rows';

/** A staged row's field count, id length and id: its compared fields (see StoredRows) follow. */
export const STAGED_ROW_PREAMBLE = 2 + 4 + 16;

/**
 * Where a re-import's first rows lie in the encoder's chunks while they wait, encoded, for the
 * stored rows (see ReimportCopySink): per row its chunk number and start and end offsets. Bytes in
 * Buffers, not parsed rows: holding parsed rows back made V8 pretenure every later row.
 */
export class HeldRows {
  private chunkOf: Uint32Array = new Uint32Array(4096);
  private starts: Uint32Array = new Uint32Array(4096);
  private ends: Uint32Array = new Uint32Array(4096);
  private count = 0;

  /** A row written whole at `chunk[start, end)` (chunk numbers as CopyBinaryEncoder counts them). */
  add(chunk: number, start: number, end: number): void {
    const row = this.count;
    if (row === this.starts.length) {
      this.chunkOf = grown(this.chunkOf);
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
    }
    this.chunkOf[row] = chunk;
    this.starts[row] = start;
    this.ends[row] = end;
    this.count = row + 1;
  }

  /**
   * Takes every held row equal to a stored row out of `chunks` (chunk number `first` onwards, in
   * order; each is compacted in place and replaced by its shorter view); returns how many went.
   * Each row is compared where it was written, before anything after it moves.
   */
  dropEqual(chunks: Buffer[], first: number, stored: StoredRows): number {
    let dropped = 0;
    let index = -1;
    let chunk: Buffer | null = null;
    let read = 0;
    let write = 0;
    const close = (): void => {
      if (!chunk) return;
      if (write !== read) chunk.copy(chunk, write, read, chunk.length);
      chunks[index] = chunk.subarray(0, write + chunk.length - read);
    };
    for (let row = 0; row < this.count; row += 1) {
      const at = this.chunkOf[row] - first;
      if (at !== index) {
        close();
        index = at;
        chunk = chunks[at];
        read = 0;
        write = 0;
      }
      const start = this.starts[row];
      const end = this.ends[row];
      if (!chunk || end > chunk.length) throw new Error('a held row is outside its chunk');
      if (!stored.holds(chunk, start + STAGED_ROW_PREAMBLE, end)) continue;
      if (write !== read) chunk.copy(chunk, write, read, start);
      write += start - read;
      read = end;
      dropped += 1;
    }
    close();
    this.count = 0;
    return dropped;
  }
}

function grown(array: Uint32Array): Uint32Array {
  const copy = new Uint32Array(array.length * 2);
  copy.set(array);
  return copy;
}
