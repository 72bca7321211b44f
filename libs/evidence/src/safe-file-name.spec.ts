import { safeFileName } from './safe-file-name';

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
