/**
 * One pino record (a parsed JSON line) as a line a person reads on a terminal: local time,
 * level, context and message, then any other fields as key=value, and an error's stack below.
 */
const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Pino's own fields, shown in the line's fixed columns or not at all. */
const SHOWN_APART = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'context', 'err', 'stack']);

export function formatLogRecord(record: Record<string, unknown>): string {
  const time = typeof record.time === 'number' ? clockTime(record.time) : '--:--:--.---';
  const level = (LEVEL_NAMES[Number(record.level)] ?? String(record.level)).padEnd(5);
  const context =
    typeof record.context === 'string' && record.context !== '' ? `[${record.context}] ` : '';
  const message = typeof record.msg === 'string' ? record.msg : '';
  const fields = Object.entries(record)
    .filter(([key, value]) => !SHOWN_APART.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const head = [`${time} ${level} ${context}${message}`, ...fields].join(' ');
  return [head, ...stackLines(record)].join('\n');
}

/** The time of day in the reader's (the process's) time zone, to the millisecond. */
function clockTime(epochMs: number): string {
  const at = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

function stackLines(record: Record<string, unknown>): string[] {
  const err = record.err as { stack?: unknown; message?: unknown } | undefined;
  const stack =
    typeof err?.stack === 'string'
      ? err.stack
      : typeof record.stack === 'string'
        ? record.stack
        : null;
  return stack ? stack.split('\n').map((line) => `    ${line}`) : [];
}
