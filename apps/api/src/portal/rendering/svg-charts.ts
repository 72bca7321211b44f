/**
 * The portal's charts, drawn on the server as inline SVG so pages need no script: bar charts
 * (the overview) and stacked bars (the inventory's support status). The portal's CSP forbids
 * inline styles: everything is set through SVG presentation attributes. Each chart is an image
 * with a title and a label that says its figures in words, plus a visible legend.
 */

export interface ChartBar {
  label: string;
  value: number;
  /** A colour of CHART_PALETTE (or any #rrggbb with enough contrast on white). */
  colour: string;
}

export interface BarChartInput {
  /** Used for the element ids; letters, digits and dashes. */
  id: string;
  title: string;
  /** Said after the title to assistive technology, e.g. "3 onboardings". */
  summary: string;
  bars: ChartBar[];
}

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11 for graphics), told apart by hue. */
export const CHART_PALETTE = [
  '#1f5fa8',
  '#a34a00',
  '#2f7d32',
  '#8e2a8e',
  '#b3261e',
  '#5b5f66',
] as const;

export const CHART_TEXT = '#1b1b1b';
const WIDTH = 360;
const LABEL_WIDTH = 130;
const BAR_HEIGHT = 22;
const GAP = 10;
const TOP = 8;
const VALUE_ROOM = 40;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, '-');
}

function safeColour(colour: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : CHART_PALETTE[0];
}

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (offset: number): number => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** "Label: 3, Other: 0" — the chart's figures as text. */
export function describeBars(bars: ChartBar[]): string {
  return bars.map((bar) => `${bar.label}: ${bar.value}`).join(', ');
}

/** A horizontal bar chart: one row per bar (label, bar, value) and a legend below. */
export function barChartSvg(input: BarChartInput): string {
  const id = safeId(input.id);
  const max = Math.max(1, ...input.bars.map((bar) => Math.max(0, bar.value)));
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const rows = input.bars.map((bar, index) => {
    const y = TOP + index * (BAR_HEIGHT + GAP);
    const value = Math.max(0, Math.round(bar.value));
    const width = Math.round((value / max) * plotWidth);
    const colour = safeColour(bar.colour);
    const textY = y + BAR_HEIGHT / 2 + 4;
    return (
      `<g>` +
      `<text x="${LABEL_WIDTH - 8}" y="${textY}" text-anchor="end" font-size="12" fill="${CHART_TEXT}">${escapeXml(bar.label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="${colour}"/>` +
      `<text x="${LABEL_WIDTH + width + 6}" y="${textY}" font-size="12" fill="${CHART_TEXT}">${value}</text>` +
      `</g>`
    );
  });
  const legendTop = TOP + input.bars.length * (BAR_HEIGHT + GAP) + 6;
  const legend = input.bars.map((bar, index) => {
    const y = legendTop + index * 18;
    return (
      `<g>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="12" height="12" fill="${safeColour(bar.colour)}"/>` +
      `<text x="${LABEL_WIDTH + 18}" y="${y + 10}" font-size="11" fill="${CHART_TEXT}">${escapeXml(bar.label)}</text>` +
      `</g>`
    );
  });
  const height = legendTop + input.bars.length * 18 + 4;
  const label = `${input.title}. ${input.summary}. ${describeBars(input.bars)}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" ` +
    `width="${WIDTH}" height="${height}" aria-labelledby="${id}-title" aria-label="${escapeXml(label)}">` +
    `<title id="${id}-title">${escapeXml(label)}</title>` +
    `<line x1="${LABEL_WIDTH}" y1="${TOP - 4}" x2="${LABEL_WIDTH}" y2="${legendTop - 6}" stroke="${CHART_TEXT}" stroke-width="1"/>` +
    rows.join('') +
    `<g class="chart__legend">${legend.join('')}</g>` +
    `</svg>`
  );
}

/** One segment of a stacked bar: `key` becomes its data-status attribute. */
export interface StackedSegment {
  key: string;
  label: string;
  value: number;
  colour: string;
}

export interface StackedRow {
  /** Becomes the row's `data-<rowKeyName>` attribute. */
  key: string;
  label: string;
  segments: StackedSegment[];
}

export interface StackedBarChartInput {
  className: string;
  title: string;
  /** The figures in words: the chart's <desc> and part of its accessible name. */
  description: string;
  rowKeyName: string;
  rows: StackedRow[];
  /** e.g. "total"; shown after each bar's sum. */
  totalLabel: string;
  legend: { label: string; colour: string }[];
}

const STACKED = {
  width: 680,
  labelWidth: 120,
  barWidth: 440,
  row: 40,
  barHeight: 24,
  top: 12,
  legendRow: 24,
  legendColumn: 220,
  legendPerRow: 3,
  minLabelledSegment: 28,
} as const;
const STACKED_TEXT = '#1b2330';

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Stacked horizontal bars (one per row, scaled to the largest row's sum), with a legend. */
export function stackedBarChartSvg(input: StackedBarChartInput): string {
  const { width: chartWidth, labelWidth, barWidth, row: rowHeight, barHeight, top } = STACKED;
  const totals = input.rows.map((row) =>
    row.segments.reduce((sum, segment) => sum + segment.value, 0),
  );
  const max = Math.max(1, ...totals);
  const barsHeight = top + input.rows.length * rowHeight;
  const height =
    barsHeight + 12 + Math.ceil(input.legend.length / STACKED.legendPerRow) * STACKED.legendRow;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="${escapeXml(input.className)}" role="img" viewBox="0 0 ${chartWidth} ${height}" width="${chartWidth}" height="${height}" aria-label="${escapeXml(`${input.title}. ${input.description}`)}">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<desc>${escapeXml(input.description)}</desc>`,
  ];
  input.rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    parts.push(`<g data-${safeId(input.rowKeyName)}="${escapeXml(row.key)}">`);
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + barHeight / 2 + 5}" text-anchor="end" font-size="14" fill="${STACKED_TEXT}">${escapeXml(row.label)}</text>`,
    );
    parts.push(
      `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="${barHeight}" fill="#eceff3"/>`,
    );
    let x = labelWidth;
    for (const segment of row.segments) {
      if (segment.value === 0) continue;
      const width = round((segment.value / max) * barWidth);
      const name = `${row.label}, ${segment.label}: ${segment.value}`;
      parts.push(
        `<rect x="${round(x)}" y="${y}" width="${width}" height="${barHeight}" fill="${safeColour(segment.colour)}" data-status="${escapeXml(segment.key)}" data-count="${segment.value}"><title>${escapeXml(name)}</title></rect>`,
      );
      if (width >= STACKED.minLabelledSegment) {
        parts.push(
          `<text x="${round(x + width / 2)}" y="${y + barHeight / 2 + 4}" text-anchor="middle" font-size="12" fill="#ffffff" aria-hidden="true">${segment.value}</text>`,
        );
      }
      x += width;
    }
    parts.push(
      `<text x="${labelWidth + barWidth + 8}" y="${y + barHeight / 2 + 5}" font-size="13" fill="${STACKED_TEXT}">${totals[index]} ${escapeXml(input.totalLabel)}</text>`,
    );
    parts.push('</g>');
  });
  parts.push(`<g class="${escapeXml(input.className)}__legend">`);
  input.legend.forEach((entry, index) => {
    const x = labelWidth + (index % STACKED.legendPerRow) * STACKED.legendColumn;
    const y = barsHeight + 12 + Math.floor(index / STACKED.legendPerRow) * STACKED.legendRow;
    parts.push(
      `<rect x="${x}" y="${y}" width="14" height="14" fill="${safeColour(entry.colour)}"/>`,
    );
    parts.push(
      `<text x="${x + 20}" y="${y + 12}" font-size="13" fill="${STACKED_TEXT}">${escapeXml(entry.label)}</text>`,
    );
  });
  parts.push('</g></svg>');
  return parts.join('');
}
