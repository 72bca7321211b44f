import { ENDPOINT_TYPES, EndpointFilters, OS_FAMILIES, SUPPORT_STATUSES } from '@app/rollout';

export const INVENTORY_PAGE_SIZE = 50;
const MAX_PAGE = 20000;

export type InventoryPage = 'inventory' | 'decisions' | 'products';

export function inventoryPath(engagementId: string, page: InventoryPage = 'inventory'): string {
  const base = `/engagements/${engagementId}/inventory`;
  return page === 'inventory' ? base : `${base}/${page}`;
}

/** The filters and page number the inventory's GET form sent, with what the page echoes back. */
export interface InventoryQuery {
  filters: EndpointFilters;
  /** 1-based. */
  page: number;
  /** The accepted values as strings, to fill the form in again. */
  values: Record<'site' | 'country' | 'type' | 'osFamily' | 'supportStatus' | 'q', string>;
}

function text(value: unknown, max: number): string {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first.trim().slice(0, max) : '';
}

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * Reads the filter form's query string leniently: a value the filter does not know (a stale
 * bookmark, a hand-edited URL) is dropped rather than refused, so the page always renders.
 */
export function parseInventoryQuery(query: Record<string, unknown>): InventoryQuery {
  const site = text(query.site, 200);
  const countryText = text(query.country, 2).toUpperCase();
  const country = /^[A-Z]{2}$/.test(countryText) ? countryText : '';
  const type = oneOf(ENDPOINT_TYPES, text(query.type, 20));
  const osFamily = oneOf(OS_FAMILIES, text(query.osFamily, 20));
  const supportStatus = oneOf(SUPPORT_STATUSES, text(query.supportStatus, 20));
  const q = text(query.q, 253);
  const pageNumber = Number(text(query.page, 10));
  const filters: EndpointFilters = {
    ...(site ? { site } : {}),
    ...(country ? { country } : {}),
    ...(type ? { type } : {}),
    ...(osFamily ? { osFamily } : {}),
    ...(supportStatus ? { supportStatus } : {}),
    ...(q ? { q } : {}),
  };
  return {
    filters,
    page: Number.isInteger(pageNumber) && pageNumber >= 1 ? Math.min(pageNumber, MAX_PAGE) : 1,
    values: {
      site,
      country,
      type: type ?? '',
      osFamily: osFamily ?? '',
      supportStatus: supportStatus ?? '',
      q,
    },
  };
}

/** The query string of a page of the same filtered list. */
function pageHref(base: string, values: Record<string, string>, page: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** The previous and next links of a paged list, null at either end. */
export function pagingLinks(
  base: string,
  values: Record<string, string>,
  page: number,
  total: number,
  size = INVENTORY_PAGE_SIZE,
) {
  const pages = Math.max(1, Math.ceil(total / size));
  return {
    from: total === 0 ? 0 : (page - 1) * size + 1,
    to: Math.min(total, page * size),
    total,
    previous: page > 1 ? pageHref(base, values, Math.min(page - 1, pages)) : null,
    next: page < pages ? pageHref(base, values, page + 1) : null,
  };
}

/** A multi-valued form field (checkboxes) as a list of strings. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

const DONE = ['classified', 'proposed', 'recorded', 'approved', 'rejected', 'planSaved'] as const;

/**
 * The notice after a form's 303 redirect (`?done=<what>`), as a catalog key under
 * `inventory.done.` and its counts; anything unknown shows nothing.
 */
export function doneNotice(
  query: Record<string, unknown>,
): { key: string; params: Record<string, number> } | null {
  const done = text(query.done, 20);
  if (!(DONE as readonly string[]).includes(done)) return null;
  const count = (name: string): number => {
    const n = Number(text(query[name], 10));
    return Number.isInteger(n) && n >= 0 ? n : 0;
  };
  return {
    key: `inventory.done.${done}`,
    params: { endpoints: count('endpoints'), changed: count('changed') },
  };
}
