import { Client } from 'pg';

/** Refuses any database whose name lacks "test": tests must never touch a real archive. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`refusing to use database "${name}" in tests: its name must contain "test"`);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing odd database name "${name}"`);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(adminUrl: string, name: string): Promise<string> {
  assertTestDatabaseName(name);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  assertTestDatabaseName(name);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
