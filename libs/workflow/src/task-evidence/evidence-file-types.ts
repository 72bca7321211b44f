import type { EvidenceType } from '@app/platform';

interface EvidenceFileType {
  extensions: readonly string[];
  /** What the file is served as: fixed here, never the uploader's claim. */
  contentType: string;
  /** Whether the bytes are what the extension says (a signature, or UTF-8 text without NUL). */
  matches: (bytes: Buffer) => boolean;
}

const startsWith =
  (signature: readonly number[]) =>
  (bytes: Buffer): boolean =>
    bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

/** Office Open XML files are ZIP archives. */
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const EVIDENCE_FILE_TYPES: Record<EvidenceType, EvidenceFileType> = {
  pdf: {
    extensions: ['pdf'],
    contentType: 'application/pdf',
    matches: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]),
  },
  png: {
    extensions: ['png'],
    contentType: 'image/png',
    matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  jpeg: {
    extensions: ['jpg', 'jpeg'],
    contentType: 'image/jpeg',
    matches: startsWith([0xff, 0xd8, 0xff]),
  },
  txt: { extensions: ['txt'], contentType: 'text/plain; charset=utf-8', matches: isUtf8Text },
  csv: { extensions: ['csv'], contentType: 'text/csv; charset=utf-8', matches: isUtf8Text },
  xlsx: {
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    matches: ZIP,
  },
  docx: {
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    matches: ZIP,
  },
};

/** The file name extensions of the accepted kinds, e.g. ['.pdf', '.png']. */
export function acceptedExtensions(accepted: readonly EvidenceType[]): string[] {
  return accepted.flatMap((t) => EVIDENCE_FILE_TYPES[t].extensions.map((e) => `.${e}`));
}

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

export type FileTypeVerdict =
  { ok: true; type: EvidenceType; contentType: string } | { ok: false; reason: string };

/**
 * Which accepted kind a file is, judged by its extension and confirmed by its bytes: a `.pdf`
 * that is not a PDF, or a `.txt` that is not UTF-8 text, is refused like an unknown kind.
 */
export function evidenceFileType(
  fileName: string,
  bytes: Buffer,
  accepted: readonly EvidenceType[],
): FileTypeVerdict {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const type = accepted.find((t) => EVIDENCE_FILE_TYPES[t].extensions.includes(extension));
  const allowed = acceptedExtensions(accepted).join(', ');
  if (!type)
    return {
      ok: false,
      reason: `must be one of ${allowed} (got ${extension ? `.${extension}` : 'no extension'})`,
    };
  if (!EVIDENCE_FILE_TYPES[type].matches(bytes))
    return {
      ok: false,
      reason: `is not a ${type} file (its content does not match .${extension})`,
    };
  return { ok: true, type, contentType: EVIDENCE_FILE_TYPES[type].contentType };
}
