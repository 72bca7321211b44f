import { evidenceFileType, safeFileName } from './evidence-file-types';

const ALL = ['pdf', 'png', 'jpeg', 'txt', 'csv', 'xlsx', 'docx'] as const;

describe('evidenceFileType', () => {
  it('accepts a file whose bytes match its extension, and serves it as the fixed content type', () => {
    expect(evidenceFileType('minutes.PDF', Buffer.from('%PDF-1.7\n...'), ALL)).toEqual({
      ok: true,
      type: 'pdf',
      contentType: 'application/pdf',
    });
    expect(
      evidenceFileType('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]), ALL),
    ).toMatchObject({ ok: true, type: 'jpeg' });
    expect(evidenceFileType('hosts.csv', Buffer.from('hostname\nあ-pc\n'), ALL)).toEqual({
      ok: true,
      type: 'csv',
      contentType: 'text/csv; charset=utf-8',
    });
    expect(
      evidenceFileType('plan.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), ALL),
    ).toMatchObject({ ok: true, type: 'xlsx' });
  });

  it('refuses unknown kinds, kinds not configured, and content that is not what the name says', () => {
    expect(evidenceFileType('run.exe', Buffer.from('MZ'), ALL)).toEqual({
      ok: false,
      reason: 'must be one of .pdf, .png, .jpg, .jpeg, .txt, .csv, .xlsx, .docx (got .exe)',
    });
    expect(evidenceFileType('notes', Buffer.from('x'), ['txt'])).toEqual({
      ok: false,
      reason: 'must be one of .txt (got no extension)',
    });
    expect(
      evidenceFileType('a.png', Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), ['pdf']),
    ).toMatchObject({ ok: false });
    expect(evidenceFileType('page.pdf', Buffer.from('<html><script>'), ALL)).toEqual({
      ok: false,
      reason: 'is not a pdf file (its content does not match .pdf)',
    });
    expect(evidenceFileType('bin.txt', Buffer.from([0x41, 0x00, 0x42]), ALL)).toMatchObject({
      ok: false,
    });
    expect(evidenceFileType('latin.txt', Buffer.from([0x41, 0xe9, 0x42]), ALL)).toMatchObject({
      ok: false,
    });
  });
});

describe('safeFileName', () => {
  it('keeps the base name without control characters or quotes, and cuts long names keeping the extension', () => {
    expect(safeFileName('C:\\Users\\x\\..\\report "final".pdf')).toBe('report final.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a\r\nb\u0000.txt')).toBe('ab.txt');
    const long = safeFileName(`${'x'.repeat(300)}.docx`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.docx')).toBe(true);
  });
});
