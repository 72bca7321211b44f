import { ValidationException } from '@app/platform';
import { acceptCompletionInput, CompletionInput, EvidenceLimits } from './completion-input';

const LIMITS: EvidenceLimits = { maxFileBytes: 100, maxFiles: 2, types: ['pdf', 'txt'] };
const txt = (name: string, text = 'minutes of the briefing') => ({
  fileName: name,
  bytes: Buffer.from(text),
  truncated: false,
});

function fields(
  input: CompletionInput,
  requirement?: 'required' | 'optional',
): { field: string; reason: string }[] {
  try {
    acceptCompletionInput(input, requirement, LIMITS);
  } catch (error) {
    if (error instanceof ValidationException) return error.fields;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('acceptCompletionInput', () => {
  it('keeps the trimmed note and hashes each file', () => {
    const accepted = acceptCompletionInput(
      { note: '  done  ', files: [txt('a.txt', 'abc')] },
      'optional',
      LIMITS,
    );
    expect(accepted).toEqual({
      note: 'done',
      files: [
        {
          fileName: 'a.txt',
          kind: 'txt',
          contentType: 'text/plain; charset=utf-8',
          bytes: Buffer.from('abc'),
          sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        },
      ],
    });
    expect(acceptCompletionInput({ note: '   ' }, undefined, LIMITS)).toEqual({
      note: null,
      files: [],
    });
  });

  it('names each bad field: the required evidence, the count, size, emptiness and kind of each file', () => {
    expect(fields({}, 'required')).toEqual([
      { field: 'files', reason: 'this task requires evidence: attach at least one file' },
    ]);
    expect(fields({ files: [txt('a.txt')] })).toEqual([
      { field: 'files', reason: 'this step takes no evidence files' },
    ]);
    expect(fields({ files: [txt('a.txt'), txt('b.txt'), txt('c.txt')] }, 'optional')).toEqual([
      { field: 'files', reason: 'at most 2 files' },
    ]);
    expect(fields({ files: [txt('a.txt')], extraFiles: 4 }, 'optional')).toEqual([
      { field: 'files', reason: 'at most 2 files' },
    ]);
    expect(
      fields(
        {
          note: 'x'.repeat(4001),
          files: [{ ...txt('big.txt'), truncated: true }, txt('e.txt', '')],
        },
        'optional',
      ),
    ).toEqual([
      { field: 'note', reason: 'must be at most 4000 characters' },
      { field: 'files[0]', reason: 'is larger than 100 bytes' },
      { field: 'files[1]', reason: 'is empty' },
    ]);
    expect(fields({ files: [txt('ok.txt'), txt('shot.png')] }, 'required')).toEqual([
      { field: 'files[1]', reason: 'must be one of .pdf, .txt (got .png)' },
    ]);
  });

  it('judges each file as the evidence store does: programs and markup are refused under any name', () => {
    expect(fields({ files: [txt('notes.txt', '#!/bin/sh\nrm -rf /\n')] }, 'optional')).toEqual([
      { field: 'files[0]', reason: 'is a program or script (script (#!))' },
    ]);
    expect(fields({ files: [txt('minutes.txt', '<!DOCTYPE html><p>hi')] }, 'optional')).toEqual([
      { field: 'files[0]', reason: 'is markup a browser would render (<!DOCTYPE html)' },
    ]);
  });
});
