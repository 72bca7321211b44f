import { escapeXml } from '../rendering/svg-charts';
import { CHART_COLOURS, ChartLabels, supportChartSvg } from './support-chart';

const LABELS: ChartLabels = {
  title: 'Support status by OS family',
  families: { windows: 'Windows', linux: 'Linux <kernel>', macos: 'macOS' },
  statuses: {
    supported: 'Supported',
    eol_soon: 'Ending soon',
    eol: 'Ended',
    unsupported: 'Unsupported',
    unclassified: 'Not classified',
  },
  total: 'total',
};

const zero = { supported: 0, unsupported: 0, eol_soon: 0, eol: 0, unclassified: 0 };
const SUMMARY = {
  byFamily: [
    { osFamily: 'windows' as const, ...zero, supported: 30, eol: 10, unsupported: 5, eol_soon: 5 },
    { osFamily: 'linux' as const, ...zero, supported: 2, unsupported: 1 },
    { osFamily: 'macos' as const, ...zero },
  ],
};

/** Relative luminance contrast (WCAG 2) of a #rrggbb colour against white. */
function contrastWithWhite(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

describe('supportChartSvg', () => {
  const svg = supportChartSvg(SUMMARY, LABELS);

  it('is an image with an accessible name, a title and a description stating the numbers', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('<title>Support status by OS family</title>');
    expect(svg).toMatch(
      /aria-label="Support status by OS family\. Windows: Supported 30, Ending soon 5, Ended 10, Unsupported 5, Not classified 0; /,
    );
    expect(svg).toContain('<desc>');
  });

  it('escapes every text it is given', () => {
    expect(svg).not.toContain('<kernel>');
    expect(svg).toContain('Linux &lt;kernel&gt;');
    const hostile = supportChartSvg(SUMMARY, { ...LABELS, title: '"><script>alert(1)</script>' });
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('uses no inline style and no script', () => {
    expect(svg).not.toMatch(/style=/i);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it.each([
    ['windows', 'supported', 30, 264],
    ['windows', 'eol', 10, 88],
    ['linux', 'unsupported', 1, 8.8],
  ])('draws %s %s (%d) to scale against the largest family', (family, status, count, width) => {
    const group = new RegExp(`<g data-family="${family}">([\\s\\S]*?)</g>`).exec(svg)?.[1] ?? '';
    expect(group).toContain(
      `width="${width}" height="24" fill="${CHART_COLOURS[status as keyof typeof CHART_COLOURS]}" data-status="${status}" data-count="${count}"`,
    );
  });

  it('stacks the segments one after another and skips empty ones', () => {
    const windows = /<g data-family="windows">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
    const xs = [...windows.matchAll(/<rect x="([\d.]+)"[^>]*data-status="(\w+)"/g)].map((m) => [
      m[2],
      Number(m[1]),
    ]);
    expect(xs).toEqual([
      ['supported', 120],
      ['eol_soon', 384],
      ['eol', 428],
      ['unsupported', 516],
    ]);
    const mac = /<g data-family="macos">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
    expect(mac).not.toContain('data-status');
    expect(mac).toContain('0 total');
  });

  it('has a legend naming every status with its colour', () => {
    for (const [status, colour] of Object.entries(CHART_COLOURS)) {
      expect(svg).toMatch(
        new RegExp(
          `fill="${colour}"/><text [^>]*>${LABELS.statuses[status as keyof typeof LABELS.statuses]}</text>`,
        ),
      );
    }
  });

  it.each(Object.entries(CHART_COLOURS))(
    '%s (%s) contrasts at least 4.5:1 with white',
    (_status, colour) => {
      expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('draws an empty inventory without dividing by zero', () => {
    const empty = supportChartSvg({ byFamily: [{ osFamily: 'windows', ...zero }] }, LABELS);
    expect(empty).not.toContain('NaN');
    expect(empty).toContain('0 total');
  });
});

describe('escapeXml', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<x y="1">', '&lt;x y=&quot;1&quot;&gt;'],
    ["it's", 'it&#39;s'],
    ['東京', '東京'],
  ])('%j', (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});
