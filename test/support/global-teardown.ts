import { dropTestDatabase } from '../../src/platform/database/test-database';

export default async function globalTeardown(): Promise<void> {
  const name = process.env.TEST_RUN_DATABASE_NAME;
  const admin = process.env.TEST_RUN_ADMIN_DATABASE_URL;
  if (!name || !admin) return;
  await dropTestDatabase(admin, name);
  delete process.env.TEST_RUN_DATABASE_URL;
  delete process.env.TEST_RUN_DATABASE_NAME;
}
