import { DEFAULT_DIRECTION, OverviewOrder, OverviewSort } from '@app/workflow';
import type { OverviewQueryDto } from '../../workflow/dtos/overview.dto';

/** The query fields the overview page keeps in its links, in a stable order. */
const KEPT = [
  'q',
  'phase',
  'status',
  'waitingOn',
  'overdue',
  'sort',
  'direction',
  'limit',
  'offset',
] as const;

/** Empty form fields (an unselected filter) are left out, as if not sent. */
export function withoutEmpty(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== '' && value !== undefined),
  );
}

/** `path?query` with the given fields (undefined ones left out). */
export function overviewHref(
  path: string,
  query: Partial<Record<(typeof KEPT)[number], unknown>>,
): string {
  const params = new URLSearchParams();
  for (const key of KEPT) {
    const value = query[key];
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface SortLink {
  href: string;
  /** The value of the column header's aria-sort. */
  ariaSort: 'ascending' | 'descending' | 'none';
  current: boolean;
}

/**
 * Days in phase sorts by when the phase was entered, so its direction is the opposite of the
 * figure shown; aria-sort describes what the reader sees.
 */
function shownDirection(sort: OverviewSort, direction: 'asc' | 'desc'): 'ascending' | 'descending' {
  const ascending = direction === 'asc';
  return (sort === 'days_in_phase' ? !ascending : ascending) ? 'ascending' : 'descending';
}

/** A column header's link: the current column toggles its direction; another starts at its default. */
export function sortLink(
  path: string,
  query: OverviewQueryDto,
  order: OverviewOrder,
  sort: OverviewSort,
): SortLink {
  const current = order.sort === sort;
  const direction = current
    ? order.direction === 'asc'
      ? 'desc'
      : 'asc'
    : DEFAULT_DIRECTION[sort];
  return {
    href: overviewHref(path, { ...query, sort, direction, offset: undefined }),
    ariaSort: current ? shownDirection(sort, order.direction) : 'none',
    current,
  };
}
