/** Reads the indicators textarea: one `<type> <value>` per line; blank lines are skipped. */
export function parseIndicatorLines(text: string): { type: string; value: string }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const space = line.search(/\s/);
      return space < 0
        ? { type: line, value: '' }
        : { type: line.slice(0, space), value: line.slice(space).trim() };
    });
}

/** A date input's value as the UTC midnight it names, or null for empty; undefined if malformed. */
export function parseDateInput(value: string | undefined): Date | null | undefined {
  const text = (value ?? '').trim();
  if (text === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text
    ? undefined
    : date;
}

export function protectionPath(
  engagementId: string,
  page: 'block-list' | 'past-incidents' | 'notification-routing',
): string {
  return `/engagements/${engagementId}/${page}`;
}
