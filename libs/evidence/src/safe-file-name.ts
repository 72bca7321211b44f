/** The longest file name kept (characters); longer names are cut, keeping the extension. */
const MAX_FILE_NAME_LENGTH = 200;

/**
 * A file name fit to store and to send back in Content-Disposition: no directories, no control
 * characters, no quotes or backslashes, trimmed and at most MAX_FILE_NAME_LENGTH characters.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= MAX_FILE_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_FILE_NAME_LENGTH - extension.length) + extension;
}
