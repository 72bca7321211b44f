import type { InventorySummary, OsFamily, StatusCounts } from '@app/rollout';

/** The chart's segments, in drawing order (left to right). */
export const CHART_STATUSES = ['supported', 'eol_soon', 'eol', 'unsupported', 'unclassified'] as const;
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

const WIDTH = 680;
const LABEL_WIDTH = 120;
const BAR_WIDTH = 440;
const ROW = 40;
const BAR_HEIGHT = 24;
const TOP = 12;
const LEGEND_ROW = 24;
const LEGEND_COLUMN = 220;
const MIN_LABELLED_SEGMENT = 28;

/**
 * Support status by OS family as stacked horizontal bars (one per family, scaled to the largest
 * family), with a legend. Pure: a string of SVG with every text escaped, presentation attributes
 * only (the CSP forbids inline styles), and an accessible name that also states the numbers.
 */
export function supportChartSvg(summary: Pick<InventorySummary, 'byFamily'>, labels: ChartLabels): string {
  const rows = summary.byFamily.map((family) => ({ family: family.osFamily, counts: family, total: totalOf(family) }));
  const max = Math.max(1, ...rows.map((r) => r.total));
  const barsHeight = TOP + rows.length * ROW;
  const legendRows = Math.ceil(CHART_STATUSES.length / 3);
  const height = barsHeight + 12 + legendRows * LEGEND_ROW;
  const description = rows
    .map((r) => `${labels.families[r.family]}: ${CHART_STATUSES.map((s) => `${labels.statuses[s]} ${r.counts[s]}`).join(', ')}`)
    .join('; ');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="inventory-chart" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-label="${escapeXml(`${labels.title}. ${description}`)}">`,
    `<title>${escapeXml(labels.title)}</title>`,
    `<desc>${escapeXml(description)}</desc>`,
  ];
  rows.forEach((row, index) => {
    const y = TOP + index * ROW;
    parts.push(`<g data-family="${escapeXml(row.family)}">`);
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT / 2 + 5}" text-anchor="end" font-size="14" fill="#1b2330">${escapeXml(labels.families[row.family])}</text>`);
    parts.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="#eceff3"/>`);
    let x = LABEL_WIDTH;
    for (const status of CHART_STATUSES) {
      const count = row.counts[status];
      if (count === 0) continue;
      const width = round((count / max) * BAR_WIDTH);
      const name = `${labels.families[row.family]}, ${labels.statuses[status]}: ${count}`;
      parts.push(
        `<rect x="${round(x)}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="${CHART_COLOURS[status]}" data-status="${status}" data-count="${count}"><title>${escapeXml(name)}</title></rect>`,
      );
      if (width >= MIN_LABELLED_SEGMENT) {
        parts.push(`<text x="${round(x + width / 2)}" y="${y + BAR_HEIGHT / 2 + 4}" text-anchor="middle" font-size="12" fill="#ffffff" aria-hidden="true">${count}</text>`);
      }
      x += width;
    }
    parts.push(`<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + BAR_HEIGHT / 2 + 5}" font-size="13" fill="#1b2330">${row.total} ${escapeXml(labels.total)}</text>`);
    parts.push('</g>');
  });
  parts.push(`<g class="inventory-chart__legend">`);
  CHART_STATUSES.forEach((status, index) => {
    const x = LABEL_WIDTH + (index % 3) * LEGEND_COLUMN;
    const y = barsHeight + 12 + Math.floor(index / 3) * LEGEND_ROW;
    parts.push(`<rect x="${x}" y="${y}" width="14" height="14" fill="${CHART_COLOURS[status]}"/>`);
    parts.push(`<text x="${x + 20}" y="${y + 12}" font-size="13" fill="#1b2330">${escapeXml(labels.statuses[status])}</text>`);
  });
  parts.push('</g></svg>');
  return parts.join('');
}

function totalOf(counts: StatusCounts): number {
  return CHART_STATUSES.reduce((sum, status) => sum + counts[status], 0);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}
