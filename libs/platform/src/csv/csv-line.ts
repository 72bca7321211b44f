/**
 * The one CSV writer of the portal (RFC 4180, CRLF). Text cells that a spreadsheet would run as a
 * formula (=, +, -, @, tab, carriage return) get a leading apostrophe, so exported data cannot
 * inject formulas; numbers are written as they are.
 */
export type CsvValue = string | number | boolean | null | undefined;

/** `needed`: quoted when it holds a comma, quote or line break; `always`: every cell quoted. */
export type CsvQuoting = 'needed' | 'always';

export function csvLine(cells: readonly CsvValue[], quoting: CsvQuoting = 'needed'): string {
  return `${cells.map((cell) => csvCell(cell, quoting)).join(',')}\r\n`;
}

export function csvCell(value: CsvValue, quoting: CsvQuoting = 'needed'): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return quoting === 'always' || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
