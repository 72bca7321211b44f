import { ValidationException } from '@app/platform';
import { EvidenceLimits, WorkflowError } from '@app/workflow';
import { stepView } from '../../../../../test/support/step-view';
import { renderFlash } from '../session/flash';
import { completionErrorFlash, formatBytes } from './completion-flash';

const LIMITS: EvidenceLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxFiles: 5,
  types: ['pdf', 'png'],
};
const step = stepView({ key: 'staff_briefing', title: 'Brief the staff', evidence: 'required' });
const input = { files: [{ fileName: 'slides.pdf', bytes: Buffer.alloc(0), truncated: true }] };

describe('completion flashes', () => {
  it('sizes files for people', () => {
    expect([
      formatBytes(980),
      formatBytes(2048),
      formatBytes(1536),
      formatBytes(10 * 1024 * 1024),
      formatBytes(1.25 * 1024 * 1024),
    ]).toEqual(['980 B', '2 KB', '1.5 KB', '10 MB', '1.3 MB']);
  });

  it('says what is wrong with the evidence, naming the file, in the reader’s language', () => {
    const said = (fields: { field: string; reason: string }[]) =>
      completionErrorFlash(new ValidationException(fields), step, input, LIMITS);
    expect(
      renderFlash(
        'en',
        said([{ field: 'files', reason: 'this task requires evidence: attach at least one file' }]),
      ).text,
    ).toBe('“Brief the staff” needs evidence: attach at least one file.');
    expect(
      renderFlash(
        'ja',
        said([{ field: 'files[0]', reason: `is larger than ${10 * 1024 * 1024} bytes` }]),
      ).text,
    ).toBe('「slides.pdf」は 10 MB を超えています。');
    expect(
      renderFlash(
        'zh',
        said([{ field: 'files[0]', reason: 'must be one of .pdf, .png (got .exe)' }]),
      ).text,
    ).toBe('“slides.pdf”未被接受：请附加内容与类型一致的 .pdf, .png 文件。');
    expect(said([{ field: 'files', reason: 'at most 5 files' }]).key).toBe('error.evidenceTooMany');
    expect(said([{ field: 'note', reason: 'must be at most 4000 characters' }]).key).toBe(
      'error.noteTooLong',
    );
  });

  it('gives a measured refusal’s reasons as the step lists them, and any other refusal as a step action', () => {
    const measured = new WorkflowError('STEP_NOT_READY', 'Step x cannot be completed yet', {
      reasons: ['in English'],
    });
    const open = {
      ...step,
      completionBlockers: ['Group "Servers" has 3 of the 14 days of tuning in detect mode left'],
    };
    expect(renderFlash('en', completionErrorFlash(measured, open, {}, LIMITS)).text).toBe(
      '“Brief the staff” cannot be completed yet: Group "Servers" has 3 of the 14 days of tuning in detect mode left',
    );
    expect(renderFlash('en', completionErrorFlash(measured, step, {}, LIMITS)).text).toBe(
      '“Brief the staff” cannot be completed yet: in English',
    );
    expect(
      completionErrorFlash(
        new WorkflowError('STEP_WRONG_STATE', 'Step x is done', { state: 'done' }),
        step,
        {},
        LIMITS,
      ).key,
    ).toBe('error.wrongState');
  });
});
