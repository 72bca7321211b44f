import type { EvidenceType } from '@app/platform';

/** What the bytes of a file are, read from its first bytes (never from its name or declared type). */
export type SniffedContent =
  | { is: 'executable'; what: string }
  | { is: 'active'; what: string }
  | { is: 'kind'; kind: EvidenceType }
  | { is: 'text' }
  | { is: 'zip' }
  | { is: 'unknown' };

interface KindRule {
  extensions: readonly string[];
  /** What the file is served as: fixed here, never the uploader's claim. */
  contentType: string;
}

export const EVIDENCE_KINDS: Record<EvidenceType, KindRule> = {
  pdf: { extensions: ['pdf'], contentType: 'application/pdf' },
  png: { extensions: ['png'], contentType: 'image/png' },
  jpeg: { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg' },
  txt: { extensions: ['txt'], contentType: 'text/plain; charset=utf-8' },
  csv: { extensions: ['csv'], contentType: 'text/csv; charset=utf-8' },
  xlsx: {
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  docx: {
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
};

const starts = (bytes: Buffer, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

/** Programs and scripts by their signatures: refused whatever the file is called. */
const EXECUTABLES: readonly { what: string; signature: readonly number[] }[] = [
  { what: 'Windows executable (MZ)', signature: [0x4d, 0x5a] },
  { what: 'ELF executable', signature: [0x7f, 0x45, 0x4c, 0x46] },
  { what: 'Mach-O executable', signature: [0xfe, 0xed, 0xfa, 0xce] },
  { what: 'Mach-O executable', signature: [0xfe, 0xed, 0xfa, 0xcf] },
  { what: 'Mach-O executable', signature: [0xce, 0xfa, 0xed, 0xfe] },
  { what: 'Mach-O executable', signature: [0xcf, 0xfa, 0xed, 0xfe] },
  { what: 'Mach-O universal binary or Java class', signature: [0xca, 0xfe, 0xba, 0xbe] },
  { what: 'WebAssembly module', signature: [0x00, 0x61, 0x73, 0x6d] },
  { what: 'script (#!)', signature: [0x23, 0x21] },
];

/** Markup a browser renders or runs, looked for at the start of a text (as browsers sniff). */
const ACTIVE_MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|svg|\?xml|object|embed)\b/i;

/** How far into a text the markup check looks: browsers sniff the first 512 bytes; more is safer. */
const MARKUP_WINDOW = 4096;

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What the bytes are: an executable, active markup, one of the binary kinds, text, or unknown. */
export function sniffContent(bytes: Buffer): SniffedContent {
  const executable = EXECUTABLES.find((e) => starts(bytes, e.signature));
  if (executable) return { is: 'executable', what: executable.what };
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { is: 'kind', kind: 'pdf' };
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { is: 'kind', kind: 'png' };
  if (starts(bytes, [0xff, 0xd8, 0xff])) return { is: 'kind', kind: 'jpeg' };
  // Office Open XML documents are ZIP archives; which one only the name tells.
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) return { is: 'zip' };
  if (isUtf8Text(bytes)) {
    const head = bytes.subarray(0, MARKUP_WINDOW).toString('utf8');
    const markup = ACTIVE_MARKUP.exec(head);
    if (markup) return { is: 'active', what: markup[0] };
    return { is: 'text' };
  }
  return { is: 'unknown' };
}

/** The file name's extension, lower case, without the dot ('' when it has none). */
export function extensionOf(fileName: string): string {
  return /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
}

/** The extensions of the accepted kinds, e.g. ['.pdf', '.png']. */
export function acceptedExtensions(accepted: readonly EvidenceType[]): string[] {
  return accepted.flatMap((t) => EVIDENCE_KINDS[t].extensions.map((e) => `.${e}`));
}

/** Extensions a browser or desktop would run or render: refused as such even when the bytes are plain text. */
const ACTIVE_EXTENSIONS = new Set([
  'html',
  'htm',
  'xhtml',
  'shtml',
  'svg',
  'xml',
  'hta',
  'js',
  'mjs',
]);
const EXECUTABLE_EXTENSIONS = new Set([
  'exe',
  'dll',
  'com',
  'scr',
  'msi',
  'bat',
  'cmd',
  'ps1',
  'vbs',
  'sh',
  'jar',
  'app',
  'elf',
  'bin',
]);

export type KindVerdict =
  | { ok: true; kind: EvidenceType; contentType: string }
  | {
      ok: false;
      refusal:
        | 'EVIDENCE_FILE_EXECUTABLE'
        | 'EVIDENCE_FILE_ACTIVE_CONTENT'
        | 'EVIDENCE_FILE_TYPE_NOT_ALLOWED'
        | 'EVIDENCE_FILE_TYPE_MISMATCH';
      reason: string;
    };

/**
 * Which accepted kind a file is. The bytes decide first (an executable or active markup is refused
 * under any name), then the name's extension must be an accepted kind the bytes agree with.
 */
export function judgeEvidenceKind(
  fileName: string,
  bytes: Buffer,
  accepted: readonly EvidenceType[],
): KindVerdict {
  const sniffed = sniffContent(bytes);
  const extension = extensionOf(fileName);
  if (sniffed.is === 'executable' || EXECUTABLE_EXTENSIONS.has(extension))
    return {
      ok: false,
      refusal: 'EVIDENCE_FILE_EXECUTABLE',
      reason: `is a program or script (${sniffed.is === 'executable' ? sniffed.what : `.${extension}`})`,
    };
  if (sniffed.is === 'active' || ACTIVE_EXTENSIONS.has(extension))
    return {
      ok: false,
      refusal: 'EVIDENCE_FILE_ACTIVE_CONTENT',
      reason: `is markup a browser would render (${sniffed.is === 'active' ? sniffed.what : `.${extension}`})`,
    };
  const kind = accepted.find((t) => EVIDENCE_KINDS[t].extensions.includes(extension));
  if (!kind)
    return {
      ok: false,
      refusal: 'EVIDENCE_FILE_TYPE_NOT_ALLOWED',
      reason: `must be one of ${acceptedExtensions(accepted).join(', ')} (got ${extension ? `.${extension}` : 'no extension'})`,
    };
  const agrees =
    (sniffed.is === 'kind' && sniffed.kind === kind) ||
    (sniffed.is === 'zip' && (kind === 'xlsx' || kind === 'docx')) ||
    (sniffed.is === 'text' && (kind === 'txt' || kind === 'csv'));
  if (!agrees)
    return {
      ok: false,
      refusal: 'EVIDENCE_FILE_TYPE_MISMATCH',
      reason: `is not a ${kind} file (its content does not match .${extension})`,
    };
  return { ok: true, kind, contentType: EVIDENCE_KINDS[kind].contentType };
}
