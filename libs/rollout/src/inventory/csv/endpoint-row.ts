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

export const REQUIRED_COLUMNS = ['hostname', 'type', 'os_family', 'os_version', 'site', 'country'] as const;
export const OPTIONAL_COLUMNS = ['kernel', 'existing_product', 'tags'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Header spellings accepted besides the column names themselves. */
const ALIASES: Record<string, Column> = { os_build: 'os_version' };

/** Tags are separated by `;` or `|` (either, even mixed); a tag holds neither. */
export const TAG_SEPARATOR = /[;|]/;
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 64;
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?$/;

export type RowResult = { row: EndpointRow } | { reason: string };
export type RowValidator = (fields: string[]) => RowResult;

/**
 * Reads the header line: every required column present, none unknown or repeated (names are
 * trimmed and case-insensitive). Returns the problems, or the validator for the data rows.
 */
export function rowValidatorFor(header: string[]): { problems: string[] } | { validate: RowValidator } {
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
  for (const column of REQUIRED_COLUMNS) if (!index.has(column)) problems.push(`missing column "${column}"`);
  if (problems.length) return { problems };
  const width = header.length;
  // A plain object, not the Map: this runs nine times per row.
  const positions = Object.fromEntries(index) as Partial<Record<Column, number>>;
  const at = (fields: string[], column: Column): string => {
    const i = positions[column];
    return i === undefined ? '' : fields[i].trim();
  };
  return {
    validate: (fields) => {
      if (fields.length !== width) return { reason: `has ${fields.length} fields, expected ${width}` };
      return readRow((column) => at(fields, column));
    },
  };
}

function readRow(get: (column: Column) => string): RowResult {
  const hostname = get('hostname');
  if (!hostname) return { reason: 'hostname is empty' };
  if (!HOSTNAME.test(hostname)) return { reason: `hostname "${clip(hostname)}" is not a valid host name` };
  const type = get('type').toLowerCase();
  if (!isOneOf(ENDPOINT_TYPES, type)) return { reason: `type "${clip(type)}" must be one of ${ENDPOINT_TYPES.join(', ')}` };
  const osFamily = get('os_family').toLowerCase();
  if (!isOneOf(OS_FAMILIES, osFamily)) return { reason: `os_family "${clip(osFamily)}" must be one of ${OS_FAMILIES.join(', ')}` };
  const osVersion = get('os_version');
  if (!osVersion) return { reason: 'os_version is empty' };
  if (osVersion.length > 100) return { reason: 'os_version is longer than 100 characters' };
  const kernel = get('kernel');
  if (osFamily === 'linux' && !kernel) return { reason: 'kernel is required for Linux endpoints' };
  if (kernel.length > 100) return { reason: 'kernel is longer than 100 characters' };
  const site = get('site');
  if (!site) return { reason: 'site is empty' };
  if (site.length > 200) return { reason: 'site is longer than 200 characters' };
  const country = get('country').toUpperCase();
  if (!isCountryCode(country)) return { reason: `country "${clip(country)}" is not an ISO 3166-1 alpha-2 code` };
  const existingProduct = get('existing_product');
  if (existingProduct.length > 200) return { reason: 'existing_product is longer than 200 characters' };
  const tags = tagList(get('tags'));
  if (tags.length > MAX_TAGS) return { reason: `more than ${MAX_TAGS} tags` };
  const long = tags.find((t) => t.length > MAX_TAG_LENGTH);
  if (long) return { reason: `tag "${clip(long)}" is longer than ${MAX_TAG_LENGTH} characters` };
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

function tagList(raw: string): string[] {
  if (raw === '') return [];
  return [...new Set(raw.split(TAG_SEPARATOR).map((t) => t.trim()).filter((t) => t.length > 0))];
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** Bad values are echoed in reasons, cut short so a report stays small. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
