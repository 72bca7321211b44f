import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Lists filter by customer as a person types it: part of the name, any case, or the id. */
describe('customer filters accept a name or an id', () => {
  let t: TestApp;
  let lead: string;
  let sakuraId: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    lead = await bearer(t, 'lead@mdr.example');
    const engagements = (
      await t.http().get('/api/engagements').set('Authorization', lead).expect(200)
    ).body.items as { id: string; customerOrganisationId: string; name: string }[];
    expect(engagements).toHaveLength(2);
    for (const engagement of engagements) {
      await t
        .http()
        .post('/api/onboardings')
        .set('Authorization', lead)
        .send({
          engagementId: engagement.id,
          templateKey: 'edr-mdr-onboarding',
          plannedStartDate: '2027-04-01',
        })
        .expect(201);
    }
    sakuraId = engagements.find((e) => e.name.startsWith('Sakura'))!.customerOrganisationId;
  });
  afterAll(() => t.close());

  const get = (url: string) => t.http().get(url).set('Authorization', lead);

  it('filters onboardings by part of the name, any case, or the organisation id', async () => {
    for (const customer of ['Sakura', 'sakura manu', sakuraId]) {
      const body = (
        await get(`/api/onboardings?customer=${encodeURIComponent(customer)}`).expect(200)
      ).body;
      expect(body.items.map((o: { customerName: string }) => o.customerName)).toEqual([
        'Sakura Manufacturing',
      ]);
      expect(body.total).toBe(1);
    }
    expect((await get('/api/onboardings?customer=Nobody').expect(200)).body.items).toEqual([]);
    // LIKE wildcards are taken literally.
    expect((await get('/api/onboardings?customer=%25').expect(200)).body.items).toEqual([]);
  });

  it('filters engagements the same way', async () => {
    for (const customer of ['Sakura', 'SAKURA', sakuraId]) {
      const body = (
        await get(`/api/engagements?customer=${encodeURIComponent(customer)}`).expect(200)
      ).body;
      expect(body.items.map((e: { name: string }) => e.name)).toEqual(['Sakura Manufacturing MDR']);
    }
    expect(
      (await get('/api/engagements?customer=Northwind').expect(200)).body.items.map(
        (e: { name: string }) => e.name,
      ),
    ).toEqual(['Northwind Retail MDR']);
  });

  it('filters the overview the same way', async () => {
    for (const customer of ['Sakura', 'sakura', sakuraId]) {
      const body = (await get(`/api/overview?customer=${encodeURIComponent(customer)}`).expect(200))
        .body;
      expect(body.items.map((r: { customerName: string }) => r.customerName)).toEqual([
        'Sakura Manufacturing',
      ]);
    }
    expect((await get('/api/overview').expect(200)).body.items).toHaveLength(2);
    expect((await get('/api/overview?customer=Nobody').expect(200)).body.items).toEqual([]);
  });

  it("filters the audit log to the customer's engagement and organisation", async () => {
    const all = (await get('/api/audit?limit=500').expect(200)).body.items as {
      engagementId: string | null;
      organisationId: string | null;
    }[];
    const sakura = (await get('/api/audit?limit=500&customer=Sakura').expect(200)).body.items as {
      engagementId: string | null;
      organisationId: string | null;
    }[];
    const sakuraEngagement = (await get('/api/engagements?customer=Sakura').expect(200)).body
      .items[0].id as string;
    expect(sakura.length).toBeGreaterThan(0);
    expect(sakura.length).toBeLessThan(all.length);
    for (const record of sakura)
      expect(record.engagementId === sakuraEngagement || record.organisationId === sakuraId).toBe(
        true,
      );
    expect(sakura.some((r) => r.engagementId === sakuraEngagement)).toBe(true);
    expect(
      (await get(`/api/audit?limit=500&customer=${sakuraId}`).expect(200)).body.items,
    ).toHaveLength(sakura.length);
  });

  it('refuses an empty filter naming the field', async () => {
    const body = (await get('/api/engagements?customer=').expect(400)).body;
    expect(JSON.stringify(body.details)).toContain('customer');
  });
});
