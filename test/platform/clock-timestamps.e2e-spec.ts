import { bearer, startTestApp, TestApp } from '../support/test-app';
import { testClockNow } from '../support/test-clock';

// date-sensitive: rows' creation times must follow the pinned business clock, not the real date.
/** A row's creation time comes from the business clock, so "since" agrees with the rest of its story. */
describe('creation times follow the business clock', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it('dates a new organisation and engagement by the clock, not by the database', async () => {
    const admin = await bearer(t, 'admin@portal.example');
    const [provider] = await t.dataSource.query(
      `SELECT id FROM organisation WHERE kind = 'provider' LIMIT 1`,
    );
    const customer = (
      await t
        .http()
        .post('/api/organisations')
        .set('Authorization', admin)
        .send({
          kind: 'customer',
          name: 'Kiso Foods',
          language: 'ja',
          emailDomains: ['kiso.example'],
        })
        .expect(201)
    ).body;
    const engagement = (
      await t
        .http()
        .post('/api/engagements')
        .set('Authorization', admin)
        .send({
          customerOrganisationId: customer.id,
          providerOrganisationId: provider.id,
          name: 'Kiso Foods MDR',
        })
        .expect(201)
    ).body;

    const [rows] = await t.dataSource.query(
      `SELECT (SELECT created_at FROM organisation WHERE id = $1) AS organisation,
              (SELECT created_at FROM engagement WHERE id = $2) AS engagement,
              now() AS database_now`,
      [customer.id, engagement.id],
    );
    const clock = testClockNow().getTime();
    for (const key of ['organisation', 'engagement']) {
      expect(Math.abs(new Date(rows[key]).getTime() - clock)).toBeLessThan(10 * 60_000);
    }
    // The database's own time is the real one, far from the pinned clock: the check above means something.
    expect(Math.abs(new Date(rows.database_now).getTime() - clock)).toBeGreaterThan(24 * 3_600_000);
  });
});
