import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';

/**
 * Applies (or reverts the last of) the migrations as the connecting user, who owns the schema;
 * the running app then works as its restricted role. Concurrent starts (API + worker) are safe:
 * TypeORM takes an advisory lock while migrating.
 */
export async function runMigrations(url: string, revert = false): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  await ds.initialize();
  try {
    if (revert) {
      const before = await ds.query(`SELECT name FROM migration ORDER BY id DESC LIMIT 1`).catch(() => []);
      await ds.undoLastMigration({ transaction: 'each' });
      return (before as Array<{ name: string }>).map((r) => r.name);
    }
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
