import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { PortalAgent, portalAgent, signIn, textOf } from '../portal/portal-client';

/** The rows' customer names, in the table's order. */
function customersOf(html: string): string[] {
  return [...html.matchAll(/data-testid="overview-open">([^<]+)</g)].map((m) => m[1]);
}

/** A column header's link and aria-sort. */
function headerOf(html: string, sort: string): { href: string; ariaSort: string } {
  const match = new RegExp(
    `<th scope="col" aria-sort="([a-z]+)"><a class="sort-link" href="([^"]+)" data-sort="${sort}"`,
  ).exec(html);
  if (!match) throw new Error(`No sortable header ${sort}`);
  return { ariaSort: match[1], href: match[2].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&') };
}

// The overview page through the real app: AM and provider lead see it; customers do not; the
// sort links, filters, paging and CSV download work on the same data as the JSON API.
describe('overview page', () => {
  let test: TestApp;
  let tokens: Tokens;
  let am: PortalAgent;
  let sakura: string;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
    tokens = new Tokens(test);
    sakura = await createSakuraOnboarding(test, tokens, '2027-06-01');
    const lead = await tokens.for('lead@mdr.example');
    const engagements = await test
      .http()
      .get('/api/engagements')
      .set('Authorization', lead)
      .expect(200);
    const northwind = engagements.body.items.find(
      (e: { customerName: string }) => e.customerName === 'Northwind Retail',
    ).id;
    await test
      .http()
      .post('/api/onboardings')
      .set('Authorization', lead)
      .send({
        engagementId: northwind,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-03-01',
      })
      .expect(201);
    am = portalAgent(test);
    await signIn(am, 'am@mdr.example');
  });
  afterAll(() => test?.close());

  it('renders the table, charts and nav link for the account manager', async () => {
    const html = (await am.get('/overview').expect(200)).text;
    expect(html).toContain('data-testid="nav-overview"');
    expect(html).toMatch(/<a class="site-nav__link" href="\/overview" aria-current="page"/);
    expect(customersOf(html).sort()).toEqual(['Northwind Retail', 'Sakura Manufacturing']);
    expect(html).toContain(`href="/onboardings/${sakura}"`);
    const captions: string[] = [];
    for (const id of ['chart-phase', 'chart-overdue', 'chart-slippage']) {
      const figure = new RegExp(
        `data-testid="${id}"><figcaption[^>]*>([^<]+)</figcaption><svg [^>]*role="img"[^>]*aria-label="([^"]+)"`,
      ).exec(html);
      expect(figure?.[2]).toBeTruthy();
      captions.push(figure?.[1] ?? '');
    }
    // Each chart says what it counts where a reader sees it, not only to a screen reader.
    expect(captions).toEqual([
      'Onboardings by phase',
      'Overdue steps by who is waited on',
      'Forecast slippage',
    ]);
    // Both onboardings are in the introduction phase.
    expect(html).toContain(
      'Onboardings by phase. 2 onboardings. Introduction: 2, Pre-production: 0',
    );
    expect(html).not.toMatch(/<svg[^>]* style=/);
    expect(textOf(html)).toContain('0% (0 of');
  });

  it('renders for the provider lead in Japanese', async () => {
    const lead = portalAgent(test);
    await signIn(lead, 'lead@mdr.example');
    const html = (await lead.get('/overview').set('Accept-Language', 'ja').expect(200)).text;
    expect(customersOf(html)).toHaveLength(2);
    expect(html).toContain('data-testid="nav-overview"');
  });

  it.each(['security@sakura.example', 'it-jp@sakura.example', 'analyst@mdr.example'])(
    'refuses %s (403, no link)',
    async (email) => {
      const agent = portalAgent(test);
      await signIn(agent, email);
      const page = await agent.get('/overview').expect(403);
      expect(page.text).not.toContain('Sakura Manufacturing</a>');
      await agent.get('/overview/export.csv').expect(403);
      expect((await agent.get('/').expect(200)).text).not.toContain('data-testid="nav-overview"');
    },
  );

  it('sends people who are not signed in to the login page', async () => {
    await portalAgent(test).get('/overview').expect(302).expect('location', '/login');
  });

  it('sorts through the column header links, with aria-sort on the sorted column', async () => {
    const first = (await am.get('/overview').expect(200)).text;
    expect(headerOf(first, 'next_due').ariaSort).toBe('ascending');
    const byCustomer = headerOf(first, 'customer');
    expect(byCustomer.ariaSort).toBe('none');
    expect(byCustomer.href).toBe('/overview?sort=customer&direction=asc');
    const ascending = (await am.get(byCustomer.href).expect(200)).text;
    expect(customersOf(ascending)).toEqual(['Northwind Retail', 'Sakura Manufacturing']);
    expect(headerOf(ascending, 'customer').ariaSort).toBe('ascending');
    const toggle = headerOf(ascending, 'customer').href;
    expect(toggle).toBe('/overview?sort=customer&direction=desc');
    const descending = (await am.get(toggle).expect(200)).text;
    expect(customersOf(descending)).toEqual(['Sakura Manufacturing', 'Northwind Retail']);
    expect(headerOf(descending, 'customer').ariaSort).toBe('descending');
    // The planned start: Northwind (2027-03-01) before Sakura (2027-06-01).
    const planned = (await am.get(headerOf(descending, 'planned_start').href).expect(200)).text;
    expect(customersOf(planned)).toEqual(['Northwind Retail', 'Sakura Manufacturing']);
  });

  it('filters through the GET form (empty fields ignored) and keeps the filter in the sort links', async () => {
    const html = (
      await am.get('/overview?q=sakura&phase=&status=in_progress&waitingOn=&overdue=').expect(200)
    ).text;
    expect(customersOf(html)).toEqual(['Sakura Manufacturing']);
    expect(html).toMatch(/<option value="in_progress" selected>/);
    expect(html).toContain('value="sakura"');
    expect(headerOf(html, 'customer').href).toBe(
      '/overview?q=sakura&status=in_progress&sort=customer&direction=asc',
    );
    const none = (await am.get('/overview?phase=production').expect(200)).text;
    expect(customersOf(none)).toEqual([]);
    expect(none).toContain('data-testid="overview-empty"');
    const bad = await am.get('/overview?sort=nonsense').expect(400);
    expect(bad.text).not.toContain('overview-row');
  });

  it('pages through the rows', async () => {
    const first = (await am.get('/overview?sort=customer&limit=1').expect(200)).text;
    expect(customersOf(first)).toEqual(['Northwind Retail']);
    const next = /data-testid="overview-next"/.test(first)
      ? /href="([^"]+)" rel="next"/
          .exec(first)?.[1]
          .replace(/&#x3D;/g, '=')
          .replace(/&amp;/g, '&')
      : null;
    expect(next).toBe('/overview?sort=customer&limit=1&offset=1');
    const second = (await am.get(next as string).expect(200)).text;
    expect(customersOf(second)).toEqual(['Sakura Manufacturing']);
    expect(second).not.toContain('data-testid="overview-next"');
    expect(second).toContain('data-testid="overview-previous"');
  });

  it('links to a CSV of the same rows as the API export, for the session user', async () => {
    const html = (await am.get('/overview?q=sakura&sort=customer').expect(200)).text;
    const href = /href="([^"]+)" data-testid="overview-csv"/
      .exec(html)?.[1]
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    expect(href).toBe('/overview/export.csv?q=sakura&sort=customer');
    const csv = await am.get(href as string).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const api = await test
      .http()
      .get('/api/overview/export.csv?q=sakura&sort=customer')
      .set('Authorization', await tokens.for('am@mdr.example'))
      .expect(200);
    expect(csv.text).toBe(api.text);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Sakura Manufacturing');
    expect(lines[1]).toContain(sakura);
  });
});
