import type { InventorySummary, OsFamily } from '@app/rollout';
import { stackedBarChartSvg } from '../rendering/svg-charts';

/** The chart's segments, in drawing order (left to right). */
export const CHART_STATUSES = [
  'supported',
  'eol_soon',
  'eol',
  'unsupported',
  'unclassified',
] as const;
export type ChartStatus = (typeof CHART_STATUSES)[number];

/**
 * Fills chosen for at least 4.5:1 against white (the page) and with white counts drawn on them,
 * so both the bars and the numbers inside them stay readable.
 */
export const CHART_COLOURS: Readonly<Record<ChartStatus, string>> = {
  supported: '#1e6b3a',
  eol_soon: '#8a5a00',
  eol: '#b42318',
  unsupported: '#5b2a86',
  unclassified: '#5f6b7a',
};

export interface ChartLabels {
  /** The chart's accessible name (its `<title>` and aria-label). */
  title: string;
  families: Readonly<Record<OsFamily, string>>;
  statuses: Readonly<Record<ChartStatus, string>>;
  /** e.g. "total"; shown after each bar's count. */
  total: string;
}

/**
 * Support status by OS family as stacked horizontal bars (one per family, scaled to the largest
 * family), with a legend, drawn by the portal's one SVG module. The accessible name also states
 * the numbers.
 */
export function supportChartSvg(
  summary: Pick<InventorySummary, 'byFamily'>,
  labels: ChartLabels,
): string {
  const description = summary.byFamily
    .map(
      (family) =>
        `${labels.families[family.osFamily]}: ${CHART_STATUSES.map((s) => `${labels.statuses[s]} ${family[s]}`).join(', ')}`,
    )
    .join('; ');
  return stackedBarChartSvg({
    className: 'inventory-chart',
    title: labels.title,
    description,
    rowKeyName: 'family',
    rows: summary.byFamily.map((family) => ({
      key: family.osFamily,
      label: labels.families[family.osFamily],
      segments: CHART_STATUSES.map((status) => ({
        key: status,
        label: labels.statuses[status],
        value: family[status],
        colour: CHART_COLOURS[status],
      })),
    })),
    totalLabel: labels.total,
    legend: CHART_STATUSES.map((status) => ({
      label: labels.statuses[status],
      colour: CHART_COLOURS[status],
    })),
  });
}
