import { randomBytes } from 'node:crypto';

/*
 * How one environment variable is read: each reader returns the default when it is unset or
 * empty and throws a ConfigError naming the variable when its value is wrong.
 */

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

export function readInt(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

export function readUrl(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use one of ${protocols.join(', ')}, got ${url.protocol}`);
  }
  return raw;
}

export function readSecret(env: Env, name: string, required: boolean): string {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    if (required)
      throw new ConfigError(name, 'is required in server mode (at least 32 characters)');
    // Embedded demo: a fresh secret per process (the embedded API remembers the first one of
    // SESSION_SECRET and JWT_SECRET in DATA_DIR, see apps/api/src/embedded-secrets.ts).
    return randomBytes(32).toString('base64url');
  }
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  return raw;
}

export function readOptionalSecret(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  return raw;
}

/** An Ed25519 PKCS#8 PEM, or a 32-byte seed in base64 or base64url (checked again when parsed). */
export function readSigningKey(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return null;
  const text = raw.trim();
  if (text.startsWith('-----BEGIN PRIVATE KEY-----')) return text;
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return text;
  throw new ConfigError(
    name,
    'must be an Ed25519 private key as PKCS#8 PEM, or its 32-byte seed in base64',
  );
}

export function readEmail(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(raw))
    throw new ConfigError(name, `must be an email address, got "${raw}"`);
  return raw;
}

export function readHostPort(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(raw);
  if (!match || Number(match[2]) > 65535)
    throw new ConfigError(name, `must be host:port, got "${raw}"`);
  return raw;
}

/**
 * A comma-separated list of hosts: names (`ticketing.internal`) or IP addresses (`10.0.0.5`,
 * `::1` or `[::1]`), each put in the form `new URL(...).hostname` gives it (lower case, an IPv4
 * address in dotted decimal, IPv6 compressed, without brackets or a trailing dot), so that it
 * compares equal to the host of a parsed URL. Ports, paths and wildcards are refused.
 */
export function readHostList(env: Env, name: string): string[] {
  const raw = env[name];
  if (raw === undefined) return [];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.map((trimmed) => {
    const ipv6 = /^\[?([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)\]?$/.exec(trimmed);
    const isName =
      /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/.test(
        trimmed,
      );
    if (!ipv6 && !isName)
      throw new ConfigError(
        name,
        `must be a comma-separated list of host names or IP addresses, got "${trimmed}"`,
      );
    try {
      const host = new URL(`http://${ipv6 ? `[${ipv6[1]}]` : trimmed}/`).hostname;
      return host.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
    } catch {
      throw new ConfigError(
        name,
        `must be a comma-separated list of host names or IP addresses, got "${trimmed}"`,
      );
    }
  });
}

export function readInstant(env: Env, name: string): Date | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)
    ? new Date(raw)
    : null;
  if (!at || Number.isNaN(at.getTime()))
    throw new ConfigError(
      name,
      `must be an ISO 8601 instant with a zone, e.g. 2026-11-02T09:00:00Z, got "${raw}"`,
    );
  return at;
}

/** A comma-separated subset of `all` (case folded, each once); unset or blank: all of them. */
export function readChoices<T extends string>(env: Env, name: string, all: readonly T[]): T[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [...all];
  const entries = [
    ...new Set(
      raw
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter((entry) => entry !== ''),
    ),
  ];
  for (const entry of entries) {
    if (!(all as readonly string[]).includes(entry)) {
      throw new ConfigError(
        name,
        `must be a comma-separated list of ${all.join(', ')}, got "${entry}"`,
      );
    }
  }
  return entries as T[];
}
