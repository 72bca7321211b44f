import { DataSource } from 'typeorm';
import { buildDataSourceOptions, SchemaParts } from './data-source-options';

/** Applies pending migrations with a short-lived connection; returns the names it ran. */
export async function runMigrations(url: string, parts: SchemaParts): Promise<string[]> {
  const dataSource = new DataSource(buildDataSourceOptions(url, parts, 1));
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
