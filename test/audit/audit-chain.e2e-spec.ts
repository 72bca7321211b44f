import { verifyAuditChain } from '@app/audit';
import { cliEnvOf, runCli } from '../support/run-cli';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('audit log: append-only, hash-chained, verifiable', () => {
  let t: TestApp;
  let cliEnv: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const admin = await bearer(t, 'admin@portal.example');
    for (const name of ['Chain One', 'Chain Two', 'Chain Three']) {
      await t.http().post('/api/organisations').set('Authorization', admin)
        .send({ kind: 'customer', name, language: 'en', emailDomains: [] }).expect(201);
    }
    cliEnv = cliEnvOf(t);
  });
  afterAll(() => t.close());

  const withoutTriggers = async (sql: string): Promise<void> => {
    await t.dataSource.query('ALTER TABLE audit_record DISABLE TRIGGER USER');
    try {
      await t.dataSource.query(sql);
    } finally {
      await t.dataSource.query('ALTER TABLE audit_record ENABLE TRIGGER USER');
    }
  };

  it('verifies an intact chain with npm run audit:verify (exit 0)', async () => {
    const result = runCli(['audit-verify'], cliEnv);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/audit chain intact: \d+ records verified/);
    expect((await verifyAuditChain(t.dataSource)).ok).toBe(true);
  });

  it('refuses UPDATE and DELETE from the application role', async () => {
    await expect(t.dataSource.query(`UPDATE audit_record SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_record WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('names the record altered in SQL', async () => {
    const [{ seq }] = await t.dataSource.query(`SELECT seq FROM audit_record WHERE changes->>'name' = 'Chain Two'`);
    await withoutTriggers(`UPDATE audit_record SET changes = jsonb_set(changes, '{name}', '"Forged"') WHERE seq = ${Number(seq)}`);
    const result = runCli(['audit-verify'], cliEnv);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`audit record ${seq} was altered`);
    const check = await verifyAuditChain(t.dataSource);
    expect(check.problem).toMatchObject({ kind: 'altered', seq: String(seq) });
    await withoutTriggers(`UPDATE audit_record SET changes = jsonb_set(changes, '{name}', '"Chain Two"') WHERE seq = ${Number(seq)}`);
    expect((await verifyAuditChain(t.dataSource)).ok).toBe(true);
  });

  it('names a deleted record and an inserted one', async () => {
    const [{ max }] = await t.dataSource.query('SELECT max(seq)::int AS max FROM audit_record');
    const target = max - 1;
    const [row] = await t.dataSource.query(`SELECT * FROM audit_record WHERE seq = ${target}`);
    await withoutTriggers(`DELETE FROM audit_record WHERE seq = ${target}`);
    const deleted = runCli(['audit-verify'], cliEnv);
    expect(deleted.status).toBe(1);
    expect(deleted.stderr).toContain(`audit record ${target} is missing`);

    // Put a forged record where the deleted one was: same seq, made-up content and hash.
    await withoutTriggers(
      `INSERT INTO audit_record SELECT ${target}, now(), NULL, NULL, NULL, NULL, 'organisation.created', 'organisation', 'forged', NULL, NULL, '{}'::jsonb, '${'f'.repeat(64)}', '${'e'.repeat(64)}'`,
    );
    const inserted = await verifyAuditChain(t.dataSource);
    expect(inserted.problem).toMatchObject({ kind: 'inserted', seq: String(target) });
    expect(row).toBeTruthy();
  });

  it('serves the log scoped to the caller', async () => {
    const customer = await bearer(t, 'security@northwind.example');
    const own = await t.http().get('/api/audit').set('Authorization', customer).expect(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    const text = JSON.stringify(own.body);
    expect(text).not.toContain('Sakura');
    expect(text).not.toContain('Chain One');
    const admin = await bearer(t, 'admin@portal.example');
    const all = await t.http().get('/api/audit?subjectType=organisation&limit=500').set('Authorization', admin).expect(200);
    expect(JSON.stringify(all.body)).toContain('Chain One');
  });
});
