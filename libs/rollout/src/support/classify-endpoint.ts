import type { EndpointType, OsFamily, SupportStatus } from '../inventory/endpoint.entity';
import type {
  KernelRange,
  LinuxDistribution,
  MacRelease,
  SupportMatrix,
  WindowsRelease,
} from './support-matrix';

export interface ClassifiableEndpoint {
  type: EndpointType;
  osFamily: OsFamily;
  osVersion: string;
  kernel: string | null;
}

export interface Classification {
  status: SupportStatus;
  /** One sentence a person can act on, e.g. "Windows Server 2012 R2: extended support ended 2023-10-10". */
  reason: string;
}

const DAY_MS = 86_400_000;

/**
 * Classifies one endpoint against an EDR product's support matrix on a given day (YYYY-MM-DD):
 * `unsupported` when the sensor does not run on its OS (or Linux kernel) or the OS is not in the
 * matrix; `eol` when its OS's (extended) support has ended; `eol_soon` when it ends within
 * `eolSoonDays`; otherwise `supported`. Pure: the same inputs always give the same answer.
 */
export function classifyEndpoint(
  matrix: SupportMatrix,
  endpoint: ClassifiableEndpoint,
  today: string,
  eolSoonDays: number,
): Classification {
  switch (endpoint.osFamily) {
    case 'windows':
      return classifyWindows(matrix, endpoint, today, eolSoonDays);
    case 'macos':
      return classifyMac(matrix, endpoint, today, eolSoonDays);
    case 'linux':
      return classifyLinux(matrix, endpoint, today, eolSoonDays);
  }
}

function classifyWindows(
  matrix: SupportMatrix,
  endpoint: ClassifiableEndpoint,
  today: string,
  soon: number,
): Classification {
  const release = findWindowsRelease(matrix.windows, endpoint.osVersion, endpoint.type);
  if (!release) {
    return unsupported(
      `Windows version "${endpoint.osVersion}" is not in the ${matrix.name} support matrix (give the build, e.g. 10.0.19045, or the release, e.g. Windows 10 22H2)`,
    );
  }
  if (!release.sensor)
    return unsupported(`${release.name}: not supported by the ${matrix.name} sensor`);
  const label = release.mainstreamEnd ? 'extended support' : 'support';
  return lifecycle(matrix, release.name, label, release.extendedEnd, today, soon);
}

function classifyMac(
  matrix: SupportMatrix,
  endpoint: ClassifiableEndpoint,
  today: string,
  soon: number,
): Classification {
  const release = findMacRelease(matrix.macos, endpoint.osVersion);
  if (!release)
    return unsupported(
      `macOS version "${endpoint.osVersion}" is not in the ${matrix.name} support matrix`,
    );
  if (!release.sensor)
    return unsupported(`${release.name}: not supported by the ${matrix.name} sensor`);
  return lifecycle(
    matrix,
    release.name,
    `${matrix.name} support`,
    release.endOfSupport,
    today,
    soon,
  );
}

function classifyLinux(
  matrix: SupportMatrix,
  endpoint: ClassifiableEndpoint,
  today: string,
  soon: number,
): Classification {
  const tokens = tokenise(endpoint.osVersion, true);
  const match = findDistribution(matrix.linux, tokens);
  if (!match)
    return unsupported(
      `Linux distribution "${endpoint.osVersion}" is not in the ${matrix.name} support matrix`,
    );
  const number = tokens.slice(match.aliasLength).find((t) => /^\d/.test(t));
  const version = number
    ? match.distribution.versions.find(
        (v) => number === v.version || number.startsWith(`${v.version}.`),
      )
    : undefined;
  if (!version) {
    return unsupported(
      `${match.distribution.name} "${endpoint.osVersion}": this version is not in the ${matrix.name} support matrix`,
    );
  }
  const name = `${match.distribution.name} ${version.version}`;
  if (!version.sensor) return unsupported(`${name}: not supported by the ${matrix.name} sensor`);
  if (version.kernel) {
    const kernel = endpoint.kernel ?? '';
    const parts = kernelParts(kernel);
    if (parts.length === 0)
      return unsupported(`${name}: kernel "${kernel}" is not a kernel version`);
    if (!inRange(parts, version.kernel)) {
      return unsupported(
        `${name}: kernel ${kernel} is outside the supported range ${version.kernel.min}–${version.kernel.max}`,
      );
    }
  }
  return lifecycle(matrix, name, 'support', version.endOfSupport, today, soon);
}

function lifecycle(
  matrix: SupportMatrix,
  name: string,
  label: string,
  end: string | undefined,
  today: string,
  soon: number,
): Classification {
  if (!end) return { status: 'supported', reason: `${name}: supported by ${matrix.name}` };
  const days = Math.round((Date.parse(end) - Date.parse(today)) / DAY_MS);
  if (days < 0) return { status: 'eol', reason: `${name}: ${label} ended ${end}` };
  if (days <= soon)
    return { status: 'eol_soon', reason: `${name}: ${label} ends ${end} (in ${days} days)` };
  return {
    status: 'supported',
    reason: `${name}: supported by ${matrix.name}; ${label} until ${end}`,
  };
}

function unsupported(reason: string): Classification {
  return { status: 'unsupported', reason };
}

function findWindowsRelease(
  releases: WindowsRelease[],
  osVersion: string,
  type: EndpointType,
): WindowsRelease | undefined {
  const build = /^(?:\d+\.\d+\.)?(\d{4,5})(?:\.\d+)?$/.exec(osVersion.trim())?.[1];
  if (build) {
    const matching = releases.filter((r) => r.build.split('.').at(-1) === build);
    // One build can be a client and a server release (e.g. 10.0.17763): the endpoint's type decides.
    return matching.find((r) => r.edition === type) ?? matching[0];
  }
  return byAlias(releases, tokenise(osVersion, false));
}

function findMacRelease(releases: MacRelease[], osVersion: string): MacRelease | undefined {
  const tokens = tokenise(osVersion, true);
  const number = tokens.find((t) => /^\d/.test(t));
  if (number) {
    const major = number.startsWith('10.')
      ? number.split('.').slice(0, 2).join('.')
      : number.split('.')[0];
    return releases.find((r) => r.version === major);
  }
  return byAlias(releases, tokens);
}

/** The release whose alias tokens appear in order in the version's tokens; longer aliases win. */
function byAlias<T extends { aliases: string[] }>(releases: T[], tokens: string[]): T | undefined {
  const candidates = releases
    .flatMap((release) => release.aliases.map((alias) => ({ release, alias: alias.split(' ') })))
    .sort((a, b) => b.alias.length - a.alias.length);
  return candidates.find((c) => isSubsequence(c.alias, tokens))?.release;
}

function findDistribution(
  distributions: LinuxDistribution[],
  tokens: string[],
): { distribution: LinuxDistribution; aliasLength: number } | undefined {
  const candidates = distributions
    .flatMap((distribution) =>
      distribution.aliases.map((alias) => ({ distribution, alias: alias.split(' ') })),
    )
    .sort((a, b) => b.alias.length - a.alias.length);
  const found = candidates.find((c) => c.alias.every((token, i) => tokens[i] === token));
  return found ? { distribution: found.distribution, aliasLength: found.alias.length } : undefined;
}

function isSubsequence(needle: string[], haystack: string[]): boolean {
  let i = 0;
  for (const token of haystack) if (token === needle[i]) i += 1;
  return i === needle.length;
}

/** Lower-case words; optionally "rhel8.6" → "rhel 8.6". */
function tokenise(value: string, splitDigits: boolean): string[] {
  let text = value.toLowerCase().replace(/^microsoft\s+/, '');
  if (splitDigits) text = text.replace(/([a-z])(\d)/g, '$1 $2');
  return text.split(/[\s_]+/).filter((t) => t.length > 0);
}

/** The leading numeric parts of a kernel release, e.g. "4.18.0-372.9.1.el8" → [4, 18, 0, 372, 9, 1]. */
export function kernelParts(kernel: string): number[] {
  const parts: number[] = [];
  for (const piece of kernel.trim().split(/[.\-+~]/)) {
    if (!/^\d+$/.test(piece)) break;
    parts.push(Number(piece));
  }
  return parts;
}

function inRange(parts: number[], range: KernelRange): boolean {
  return (
    compareOn(parts, kernelParts(range.min)) >= 0 && compareOn(parts, kernelParts(range.max)) <= 0
  );
}

/** Compares on the bound's length: "5.15.0-91" against "5.15" compares [5, 15] with [5, 15]. */
function compareOn(parts: number[], bound: number[]): number {
  for (let i = 0; i < bound.length; i += 1) {
    const a = parts[i] ?? 0;
    if (a !== bound[i]) return a < bound[i] ? -1 : 1;
  }
  return 0;
}
