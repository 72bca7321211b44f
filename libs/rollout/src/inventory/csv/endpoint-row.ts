import { isCountryCode } from '@app/agreements/domain/country-codes';
import { ENDPOINT_TYPES, EndpointType, OS_FAMILIES, OsFamily } from '../endpoint.entity';

/** One validated inventory row, normalised (lower-case enums, upper-case country, tag list). */
export interface EndpointRow {
  hostname: string;
  type: EndpointType;
  osFamily: OsFamily;
  osVersion: string;
  kernel: string | null;
  site: string;
  country: string;
  existingProduct: string | null;
  tags: string[];
}

const REQUIRED_COLUMNS = [
  'hostname',
  'type',
  'os_family',
  'os_version',
  'site',
  'country',
] as const;
const OPTIONAL_COLUMNS = ['kernel', 'existing_product', 'tags'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Header spellings accepted besides the column names themselves. */
const ALIASES: Record<string, Column> = { os_build: 'os_version' };

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 64;
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?$/;

export type RowResult = { row: EndpointRow } | { reason: string };
export type RowValidator = (fields: string[]) => RowResult;

/**
 * Reads the header line: every required column present, none unknown or repeated (names are
 * trimmed and case-insensitive). Returns the problems, or the validator for the data rows.
 */
export function rowValidatorFor(
  header: string[],
): { problems: string[] } | { validate: RowValidator } {
  const index = new Map<Column, number>();
  const problems: string[] = [];
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const column = (ALIASES[name] ?? (known.has(name) ? name : null)) as Column | null;
    if (!column) problems.push(`unknown column "${raw.trim()}"`);
    else if (index.has(column)) problems.push(`column "${column}" appears twice`);
    else index.set(column, i);
  });
  for (const column of REQUIRED_COLUMNS)
    if (!index.has(column)) problems.push(`missing column "${column}"`);
  if (problems.length) return { problems };
  const width = header.length;
  // Plain numbers, not the Map or a closure per column: this runs nine times per row.
  const at = (column: Column): number => index.get(column) ?? -1;
  const positions: Positions = {
    hostname: at('hostname'),
    type: at('type'),
    osFamily: at('os_family'),
    osVersion: at('os_version'),
    kernel: at('kernel'),
    site: at('site'),
    country: at('country'),
    existingProduct: at('existing_product'),
    tags: at('tags'),
  };
  return {
    validate: (fields) => {
      if (fields.length !== width)
        return { reason: `has ${fields.length} fields, expected ${width}` };
      return readRow(fields, positions);
    },
  };
}

/** Where each column is in a record; -1 for an optional column the file does not have. */
type Positions = Record<keyof EndpointRow, number>;

/** The field at `position`, trimmed; '' for a column the file does not have. */
function field(fields: string[], position: number): string {
  return position < 0 ? '' : fields[position].trim();
}

function readRow(fields: string[], at: Positions): RowResult {
  const hostname = field(fields, at.hostname);
  if (!hostname) return { reason: 'hostname is empty' };
  if (!HOSTNAME.test(hostname))
    return { reason: `hostname "${clip(hostname)}" is not a valid host name` };
  const rawType = field(fields, at.type);
  const type = oneOf(ENDPOINT_TYPES, rawType);
  if (type === null)
    return {
      reason: `type "${clip(rawType.toLowerCase())}" must be one of ${ENDPOINT_TYPES.join(', ')}`,
    };
  const rawFamily = field(fields, at.osFamily);
  const osFamily = oneOf(OS_FAMILIES, rawFamily);
  if (osFamily === null)
    return {
      reason: `os_family "${clip(rawFamily.toLowerCase())}" must be one of ${OS_FAMILIES.join(', ')}`,
    };
  const osVersion = field(fields, at.osVersion);
  if (!osVersion) return { reason: 'os_version is empty' };
  if (osVersion.length > 100) return { reason: 'os_version is longer than 100 characters' };
  const kernel = field(fields, at.kernel);
  if (osFamily === 'linux' && !kernel) return { reason: 'kernel is required for Linux endpoints' };
  if (kernel.length > 100) return { reason: 'kernel is longer than 100 characters' };
  const site = field(fields, at.site);
  if (!site) return { reason: 'site is empty' };
  if (site.length > 200) return { reason: 'site is longer than 200 characters' };
  const country = upperCase(field(fields, at.country));
  if (!isCountryCode(country))
    return { reason: `country "${clip(country)}" is not an ISO 3166-1 alpha-2 code` };
  const existingProduct = field(fields, at.existingProduct);
  if (existingProduct.length > 200)
    return { reason: 'existing_product is longer than 200 characters' };
  const tags = tagList(field(fields, at.tags));
  if (tags.length > MAX_TAGS) return { reason: `more than ${MAX_TAGS} tags` };
  for (const tag of tags)
    if (tag.length > MAX_TAG_LENGTH)
      return { reason: `tag "${clip(tag)}" is longer than ${MAX_TAG_LENGTH} characters` };
  return {
    row: {
      hostname,
      type,
      osFamily,
      osVersion,
      kernel: kernel || null,
      site,
      country,
      existingProduct: existingProduct || null,
      tags,
    },
  };
}

const SEMICOLON = 59;
const PIPE = 124;
/** Up to this many tags, repeats are found by scanning: cheaper than a Set for the usual two or three. */
const FEW_TAGS = 8;

/** The TAG_SEPARATOR split, trimmed, without empty tags or repeats (the first of each kept). */
function tagList(raw: string): string[] {
  if (raw === '') return [];
  const tags: string[] = [];
  let from = 0;
  for (let i = 0; i <= raw.length; i += 1) {
    const c = i < raw.length ? raw.charCodeAt(i) : SEMICOLON;
    if (c !== SEMICOLON && c !== PIPE) continue;
    const tag = raw.slice(from, i).trim();
    if (tag.length > 0) tags.push(tag);
    from = i + 1;
  }
  if (tags.length <= FEW_TAGS) {
    for (let i = 1; i < tags.length; i += 1) {
      if (tags.indexOf(tags[i]) < i) return [...new Set(tags)];
    }
    return tags;
  }
  return [...new Set(tags)];
}

/** The value `raw` names, case-insensitively: the constant itself (so later lookups hash it once), or null. */
function oneOf<T extends string>(values: readonly T[], raw: string): T | null {
  for (const value of values) if (raw === value) return value;
  const lower = raw.toLowerCase();
  for (const value of values) if (lower === value) return value;
  return null;
}

const LOWER_A = 97;
const LOWER_Z = 122;

/** toUpperCase, skipped for the usual already upper-case ASCII code. */
function upperCase(raw: string): string {
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if (c >= 0x80 || (c >= LOWER_A && c <= LOWER_Z)) return raw.toUpperCase();
  }
  return raw;
}

/** Bad values are echoed in reasons, cut short so a report stays small. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
