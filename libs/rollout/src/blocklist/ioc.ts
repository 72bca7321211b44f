import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

/**
 * What a static block list can hold. `ip` is beyond DOMAIN.md's list because the template's
 * `static_block_list` step asks the customer to approve IP addresses too.
 */
export const BLOCKABLE_IOC_TYPES = ['sha256', 'sha1', 'md5', 'file_path', 'domain', 'ip'] as const;
export type BlockableIocType = (typeof BLOCKABLE_IOC_TYPES)[number];

/** Indicators observed in an incident that no static list blocks, but that a report shows. */
const OBSERVED_ONLY_TYPES = ['process_name', 'command_line'] as const;
export const INDICATOR_TYPES = [...BLOCKABLE_IOC_TYPES, ...OBSERVED_ONLY_TYPES] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export type Normalised = { ok: true; value: string } | { ok: false; reason: string };

const HEX_LENGTH: Record<'sha256' | 'sha1' | 'md5', number> = { sha256: 64, sha1: 40, md5: 32 };
const MAX_PATH = 4096;
const MAX_COMMAND_LINE = 8192;
// Control characters never belong in an indicator (and would break CSV rows and consoles).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function isBlockableType(type: string): type is BlockableIocType {
  return (BLOCKABLE_IOC_TYPES as readonly string[]).includes(type);
}

export function isIndicatorType(type: string): type is IndicatorType {
  return (INDICATOR_TYPES as readonly string[]).includes(type);
}

/** Windows forms: drive-letter (`C:\...`) or UNC (`\\server\share\...`); `/` read as `\`. */
export function isWindowsPath(value: string): boolean {
  return /^[a-zA-Z]:\\/.test(value) || /^\\\\[^\\]+\\[^\\]+/.test(value);
}

function hash(type: 'sha256' | 'sha1' | 'md5', raw: string): Normalised {
  const value = raw.toLowerCase();
  const length = HEX_LENGTH[type];
  if (!/^[0-9a-f]+$/.test(value))
    return { ok: false, reason: `must be hexadecimal (${length} digits)` };
  if (value.length !== length) {
    return {
      ok: false,
      reason: `must be ${length} hexadecimal digits for ${type}, got ${value.length}`,
    };
  }
  return { ok: true, value };
}

function filePath(raw: string): Normalised {
  if (raw.length > MAX_PATH) return { ok: false, reason: `must be at most ${MAX_PATH} characters` };
  const backslashed = raw.replace(/\//g, '\\');
  if (isWindowsPath(backslashed)) {
    const unc = backslashed.startsWith('\\\\');
    const body = (unc ? backslashed.slice(2) : backslashed).replace(/\\{2,}/g, '\\');
    const value = (unc ? '\\\\' : '') + body;
    const name = unc ? body : body.slice(3);
    if (/[<>"|?*]/.test(name) || name.includes(':')) {
      return { ok: false, reason: 'contains a character Windows does not allow in paths' };
    }
    if (value.split('\\').includes('..'))
      return { ok: false, reason: 'must not contain ".." segments' };
    return { ok: true, value };
  }
  if (raw.startsWith('/')) {
    const value = raw.replace(/\/{2,}/g, '/');
    if (value.split('/').includes('..'))
      return { ok: false, reason: 'must not contain ".." segments' };
    return { ok: true, value };
  }
  return {
    ok: false,
    reason: 'must be an absolute Windows (C:\\..., \\\\server\\share\\...) or POSIX (/...) path',
  };
}

/** Lower-case punycode (IDN labels converted), no trailing dot, at least two labels. */
function normaliseDomain(raw: string): Normalised {
  const trimmed = raw.toLowerCase().replace(/\.$/, '');
  if (trimmed.includes('*'))
    return { ok: false, reason: 'must not contain wildcards (subdomains are matched anyway)' };
  if (trimmed.includes('/') || trimmed.includes(':'))
    return { ok: false, reason: 'must be a domain name, not a URL' };
  const value = domainToASCII(trimmed);
  if (value === '') return { ok: false, reason: 'is not a valid domain name' };
  const labels = value.split('.');
  if (value.length > 253 || labels.length < 2)
    return { ok: false, reason: 'must be a domain name such as example.com' };
  const bad = labels.find((l) => !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
  if (bad !== undefined) return { ok: false, reason: `has an invalid label "${bad}"` };
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? ''))
    return { ok: false, reason: 'is an IP address; use type ip' };
  return { ok: true, value };
}

function ip(raw: string): Normalised {
  const version = isIP(raw);
  if (version === 4) return { ok: true, value: raw };
  // The URL parser gives IPv6 its canonical compressed lower-case form.
  if (version === 6) return { ok: true, value: new URL(`http://[${raw}]/`).hostname.slice(1, -1) };
  return { ok: false, reason: 'must be an IPv4 or IPv6 address' };
}

function processName(raw: string): Normalised {
  if (raw.length > 260) return { ok: false, reason: 'must be at most 260 characters' };
  if (/[\\/]/.test(raw))
    return { ok: false, reason: 'must be a file name without a folder (use file_path)' };
  return { ok: true, value: raw };
}

/** Validates and normalises one indicator value; `reason` says what is wrong with it. */
export function normaliseIndicator(type: IndicatorType, input: string): Normalised {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'must not be empty' };
  if (CONTROL.test(raw)) return { ok: false, reason: 'must not contain control characters' };
  switch (type) {
    case 'sha256':
    case 'sha1':
    case 'md5':
      return hash(type, raw);
    case 'file_path':
      return filePath(raw);
    case 'domain':
      return normaliseDomain(raw);
    case 'ip':
      return ip(raw);
    case 'process_name':
      return processName(raw);
    case 'command_line':
      return raw.length > MAX_COMMAND_LINE
        ? { ok: false, reason: `must be at most ${MAX_COMMAND_LINE} characters` }
        : { ok: true, value: raw };
  }
}
