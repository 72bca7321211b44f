import { buildDataSourceOptions, TransactionRunner } from '@app/platform';
import { Client } from 'pg';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseUrl } from '../support/test-env';

/**
 * Every state change runs READ COMMITTED. The level is set once per session by the connection's
 * options, not by a SET TRANSACTION in every transaction, so it must hold even on a database whose
 * own default is another level.
 */
describe('transactions run READ COMMITTED, set per session', () => {
  let t: TestApp;
  let database: string;

  beforeAll(async () => {
    t = await startTestApp({});
    [{ database }] = await t.dataSource.query(`SELECT current_database() AS database`);
    await t.dataSource.query(
      `ALTER DATABASE "${database}" SET default_transaction_isolation = 'serializable'`,
    );
  });
  afterAll(async () => {
    await t.dataSource.query(`ALTER DATABASE "${database}" RESET default_transaction_isolation`);
    await t.close();
  });

  it("a connection with the product's options is READ COMMITTED where the database says SERIALIZABLE", async () => {
    const options = buildDataSourceOptions('postgres://unused', { entities: [], migrations: [] });
    const extra = (options as { extra: { options: string } }).extra;
    const plain = new Client({ connectionString: databaseUrl(database) });
    const product = new Client({ connectionString: databaseUrl(database), options: extra.options });
    await plain.connect();
    await product.connect();
    try {
      // The database's own default applies to a connection without the options…
      expect((await plain.query('SHOW transaction_isolation')).rows).toEqual([
        { transaction_isolation: 'serializable' },
      ]);
      // …and the product's connections override it.
      expect((await product.query('SHOW transaction_isolation')).rows).toEqual([
        { transaction_isolation: 'read committed' },
      ]);
    } finally {
      await plain.end();
      await product.end();
    }
  });

  it('a TransactionRunner transaction is READ COMMITTED', async () => {
    const level = await t.app
      .get(TransactionRunner)
      .run((manager) => manager.query('SHOW transaction_isolation'));
    expect(level).toEqual([{ transaction_isolation: 'read committed' }]);
  });
});
