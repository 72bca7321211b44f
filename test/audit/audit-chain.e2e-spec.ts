import { AuditService, verifyAuditChain } from '@app/audit';
import { SYSTEM_ACTOR } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { cliEnvOf, runCli } from '../support/run-cli';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('audit log: append-only, hash-chained, verifiable', () => {
  let t: TestApp;
  let cliEnv: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const admin = await bearer(t, 'admin@portal.example');
    for (const name of ['Chain One', 'Chain Two', 'Chain Three']) {
      await t
        .http()
        .post('/api/organisations')
        .set('Authorization', admin)
        .send({ kind: 'customer', name, language: 'en', emailDomains: [] })
        .expect(201);
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
    await expect(
      t.dataSource.query(`UPDATE audit_record SET action = 'x' WHERE seq = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_record WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('names the record altered in SQL', async () => {
    const [{ seq }] = await t.dataSource.query(
      `SELECT seq FROM audit_record WHERE changes->>'name' = 'Chain Two'`,
    );
    await withoutTriggers(
      `UPDATE audit_record SET changes = jsonb_set(changes, '{name}', '"Forged"') WHERE seq = ${Number(seq)}`,
    );
    const result = runCli(['audit-verify'], cliEnv);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`audit record ${seq} (platform #`);
    expect(result.stderr).toContain('was altered');
    const check = await verifyAuditChain(t.dataSource);
    expect(check.problem).toMatchObject({ kind: 'altered', seq: String(seq) });
    await withoutTriggers(
      `UPDATE audit_record SET changes = jsonb_set(changes, '{name}', '"Chain Two"') WHERE seq = ${Number(seq)}`,
    );
    expect((await verifyAuditChain(t.dataSource)).ok).toBe(true);
  });

  it('names a deleted record and an inserted one, by its chain and position', async () => {
    // The platform chain holds the organisations created above; take its last record but one.
    const [row] = await t.dataSource.query(
      `SELECT seq::text, chain, chain_seq::text FROM audit_record WHERE chain = 'platform' ORDER BY audit_record.chain_seq DESC OFFSET 1 LIMIT 1`,
    );
    await withoutTriggers(`DELETE FROM audit_record WHERE seq = ${Number(row.seq)}`);
    const deleted = runCli(['audit-verify'], cliEnv);
    expect(deleted.status).toBe(1);
    expect(deleted.stderr).toContain(`audit record platform #${row.chain_seq} is missing`);

    // Put a forged record where the deleted one was: same chain position, made-up content and hash.
    await withoutTriggers(
      `INSERT INTO audit_record (seq, chain, chain_seq, occurred_at, action, subject_type, subject_id, changes, prev_hash, hash)
       VALUES (${Number(row.seq)}, 'platform', ${Number(row.chain_seq)}, now(), 'organisation.created', 'organisation', 'forged', '{}'::jsonb, '${'f'.repeat(64)}', '${'e'.repeat(64)}')`,
    );
    const inserted = await verifyAuditChain(t.dataSource);
    expect(inserted.problem).toMatchObject({
      kind: 'inserted',
      seq: row.seq,
      chain: 'platform',
      chainSeq: row.chain_seq,
    });
  });

  it('serves the log scoped to the caller', async () => {
    const customer = await bearer(t, 'security@northwind.example');
    const own = await t.http().get('/api/audit').set('Authorization', customer).expect(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    const text = JSON.stringify(own.body);
    expect(text).not.toContain('Sakura');
    expect(text).not.toContain('Chain One');
    const admin = await bearer(t, 'admin@portal.example');
    const all = await t
      .http()
      .get('/api/audit?subjectType=organisation&limit=500')
      .set('Authorization', admin)
      .expect(200);
    expect(JSON.stringify(all.body)).toContain('Chain One');
  });

  it('names a chain whose last records were removed (its head says more)', async () => {
    // A chain of its own (nothing else writes to it): three records, then the last one goes.
    const engagementId = randomUUID();
    for (const n of [1, 2, 3]) {
      await t.app.get(TransactionRunner).run((manager) =>
        t.app.get(AuditService).record(manager, SYSTEM_ACTOR, {
          action: 'test.written',
          subjectType: 'test',
          subjectId: String(n),
          engagementId,
          changes: { n },
        }),
      );
    }
    const [last] = await t.dataSource.query(
      `SELECT seq::text, chain, chain_seq::text FROM audit_record WHERE engagement_id = $1 ORDER BY audit_record.chain_seq DESC LIMIT 1`,
      [engagementId],
    );
    expect(last.chain_seq).toBe('3');
    await withoutTriggers(`DELETE FROM audit_record WHERE seq = ${Number(last.seq)}`);
    const check = await verifyAuditChain(t.dataSource);
    expect(check.problem).toMatchObject({ kind: 'truncated', chain: last.chain });
    expect(check.problem?.message).toContain(
      `ends at #${BigInt(last.chain_seq) - 1n} but its head is #${last.chain_seq}`,
    );
  });
});
