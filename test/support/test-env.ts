import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { resetEnvironmentCache } from '../../src/platform/config/settings';

/**
 * Points the app at this run's test database (made by global-setup), a private queue prefix and a
 * temporary storage root, so test files never see each other's jobs or files.
 */
export function useTestEnvironment(overrides: Record<string, string> = {}): { storageRoot: string; queuePrefix: string } {
  const url = process.env.TEST_RUN_DATABASE_URL;
  if (!url) throw new Error('TEST_RUN_DATABASE_URL is not set: run through jest (global setup)');
  const storageRoot = mkdtempSync(join(tmpdir(), 'samarkiv-storage-'));
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    DATABASE_URL: url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: queuePrefix,
    STORAGE_ROOT: storageRoot,
    LOG_LEVEL: 'silent',
    DATABASE_MIGRATE_ON_START: 'false',
    ...overrides,
  });
  // A test-harness variable (where ../shared is), not an app setting: the app would refuse it.
  delete process.env.SAMARKIV_SHARED_DIR;
  resetEnvironmentCache();
  return { storageRoot, queuePrefix };
}

/** Short random suffix for ids that must not collide between test files sharing one database. */
export const uniq = () => randomBytes(3).toString('hex');

export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
