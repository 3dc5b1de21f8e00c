import { DataSource } from 'typeorm';
import { createTestDatabase } from '../../src/platform/database/test-database';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';

/**
 * One database per test run (name contains "test", dropped in teardown), migrated once.
 * Test files read TEST_DATABASE_URL / REDIS_URL from the environment set here.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_RUN_DATABASE_URL) return; // set by an earlier project in the same run
  const admin = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `samarkiv_test_${process.pid}_${Date.now().toString(36)}`;
  const url = await createTestDatabase(admin, name);
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  process.env.TEST_RUN_DATABASE_URL = url;
  process.env.TEST_RUN_DATABASE_NAME = name;
  process.env.TEST_RUN_ADMIN_DATABASE_URL = admin;
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
}
