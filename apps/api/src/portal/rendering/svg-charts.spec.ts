import {
  barChartSvg,
  CHART_PALETTE,
  CHART_TEXT,
  contrastRatio,
  describeBars,
  escapeXml,
} from './svg-charts';

const chart = (label = 'Introduction', value = 3): string =>
  barChartSvg({
    id: 'by-phase',
    title: 'Onboardings by phase',
    summary: '5 onboardings',
    bars: [
      { label, value, colour: CHART_PALETTE[0] },
      { label: 'Production', value: 0, colour: CHART_PALETTE[1] },
    ],
  });

describe('barChartSvg', () => {
  it('is an image with a title and a label that carries the figures', () => {
    const svg = chart();
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('aria-labelledby="by-phase-title"');
    expect(svg).toContain(
      '<title id="by-phase-title">Onboardings by phase. 5 onboardings. Introduction: 3, Production: 0</title>',
    );
    expect(svg).toContain(
      'aria-label="Onboardings by phase. 5 onboardings. Introduction: 3, Production: 0"',
    );
  });

  it('never carries a style attribute or element (the CSP forbids inline styles)', () => {
    expect(chart()).not.toMatch(/style/i);
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"quoted" & \'single\'', '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['導入期', '導入期'],
  ])('escapes the label %j', (label, escaped) => {
    const svg = chart(label);
    expect(svg).toContain(`>${escaped}</text>`);
    expect(svg).not.toContain(label.includes('<') ? label : '\u0000');
  });

  it('draws bars in proportion to the largest, and a zero bar with no width', () => {
    const svg = chart('A', 4);
    const widths = [...svg.matchAll(/<rect x="130" y="\d+" width="(\d+)" height="22"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toEqual([190, 0]);
  });

  it('has a legend entry with each bar colour', () => {
    const svg = chart();
    const legend = svg.slice(svg.indexOf('chart__legend'));
    expect(legend).toContain(`fill="${CHART_PALETTE[0]}"`);
    expect(legend).toContain(`fill="${CHART_PALETTE[1]}"`);
    expect(legend).toContain('>Production</text>');
  });

  it('replaces a colour that is not #rrggbb and rounds values', () => {
    const svg = barChartSvg({
      id: 'x"y',
      title: 't',
      summary: 's',
      bars: [{ label: 'a', value: 2.6, colour: 'red" onload="x' }],
    });
    expect(svg).not.toContain('onload');
    expect(svg).toContain('id="x-y-title"');
    expect(svg).toContain('>3</text>');
  });
});

describe('chart colours', () => {
  it.each([...CHART_PALETTE])('%s has at least 3:1 contrast on white', (colour) => {
    expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('text has at least 4.5:1 contrast on white', () => {
    expect(contrastRatio(CHART_TEXT, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
  ])('contrast of %s on %s is %d', (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 5);
  });
});

describe('text helpers', () => {
  it('describes bars and escapes XML', () => {
    expect(
      describeBars([
        { label: 'a', value: 1, colour: '#000000' },
        { label: 'b', value: 2, colour: '#000000' },
      ]),
    ).toBe('a: 1, b: 2');
    expect(escapeXml('<a & b>')).toBe('&lt;a &amp; b&gt;');
  });
});
