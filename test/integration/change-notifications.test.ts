import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { ChangeChannel, DatabaseNotifications } from '../../src/platform/database/database-notifications';
import { NotifiedCache } from '../../src/platform/database/notified-cache';
import { uniq } from '../support/test-env';

const until = async (what: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/**
 * Caches of database-owned rows (principals' grants, spärr units) are emptied by PostgreSQL's
 * NOTIFY on commit: whatever makes the change (another process, plain SQL), per tenant, and
 * nothing is served from a cache while the notifications are down.
 */
describe('change notifications and the caches they empty (real PostgreSQL)', () => {
  jest.setTimeout(120_000);
  const url = process.env.TEST_RUN_DATABASE_URL!;
  const A = `notify-a-${uniq()}`;
  const B = `notify-b-${uniq()}`;
  let owner: DataSource;
  let notifications: DatabaseNotifications;
  let cache: NotifiedCache<number>;
  let loads = 0;
  const grants = (tenant: string) => async () => {
    loads++;
    const rows = (await owner.query(`SELECT count(*)::int AS n FROM access_grant WHERE tenant_id = $1`, [tenant])) as Array<{ n: number }>;
    return rows[0].n;
  };
  /** Grants the tenant's user tenant-admin, or revokes it when granted: a committed change either way. */
  const grant = (tenant: string) =>
    owner.query(
      `WITH revoked AS (DELETE FROM access_grant WHERE tenant_id = $1 RETURNING 1)
       INSERT INTO access_grant (tenant_id, user_id, role) SELECT $1::varchar, id, 'tenant-admin' FROM user_account WHERE tenant_id = $1::varchar AND NOT EXISTS (SELECT 1 FROM revoked)`,
      [tenant],
    );

  beforeAll(async () => {
    owner = await new DataSource(dataSourceOptions(url, { poolSize: 2 })).initialize();
    for (const t of [A, B]) {
      await owner.query(`INSERT INTO tenant (id, name, organisation_number, archive_authority_name) VALUES ($1, $2, '232100-0000', 'Arkiv')`, [t, t]);
      await owner.query(`INSERT INTO user_account (tenant_id, external_id, display_name) VALUES ($1, 'someone', 'Someone')`, [t]);
    }
    notifications = new DatabaseNotifications({ url, appRole: 'samarkiv_app', migrateOnStart: false, poolSize: 1 });
    cache = new NotifiedCache(notifications, ChangeChannel.Access, { maxEntries: 100, ttlMs: 60_000 });
    await until(() => notifications.live);
  });

  afterAll(async () => {
    await notifications?.onApplicationShutdown();
    for (const t of [A, B]) {
      await owner?.query(`DELETE FROM access_grant WHERE tenant_id = $1`, [t]);
      await owner?.query(`DELETE FROM user_account WHERE tenant_id = $1`, [t]);
      await owner?.query(`DELETE FROM tenant WHERE id = $1`, [t]);
    }
    await owner?.destroy();
  });

  it("serves from the cache until another connection commits a change to that tenant's grants", async () => {
    loads = 0;
    expect(await cache.get(A, 'grants', grants(A))).toBe(0);
    expect(await cache.get(B, 'grants', grants(B))).toBe(0);
    expect(await cache.get(A, 'grants', grants(A))).toBe(0);
    expect(loads).toBe(2);

    await grant(A);
    await until(async () => (await cache.get(A, 'grants', grants(A))) === 1, 2_000);
    // The other tenant's entry was not touched.
    const before = loads;
    expect(await cache.get(B, 'grants', grants(B))).toBe(0);
    expect(loads).toBe(before);
  });

  it('a change inside an open transaction is not told until it commits, and a rolled back one never', async () => {
    expect(await cache.get(B, 'grants', grants(B))).toBe(0);
    const runner = owner.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`INSERT INTO access_grant (tenant_id, user_id, role) SELECT $1::varchar, id, 'tenant-admin' FROM user_account WHERE tenant_id = $1::varchar`, [B]);
    await new Promise((r) => setTimeout(r, 200));
    const before = loads;
    await cache.get(B, 'grants', grants(B));
    expect(loads).toBe(before);
    await runner.rollbackTransaction();
    await runner.release();
    await new Promise((r) => setTimeout(r, 200));
    await cache.get(B, 'grants', grants(B));
    expect(loads).toBe(before);
  });

  it('a value read while a change arrives is returned but not kept', async () => {
    let release!: () => void;
    const slow = async () => {
      await new Promise<void>((r) => (release = r));
      return grants(A)();
    };
    const pending = cache.get(A, 'slow', slow);
    await grant(A);
    await new Promise((r) => setTimeout(r, 200));
    release();
    await pending;
    const before = loads;
    await cache.get(A, 'slow', grants(A));
    expect(loads).toBe(before + 1);
  });

  it('keeps nothing while the listening connection is down, and is live again after it reconnects', async () => {
    expect(await cache.get(B, 'down', grants(B))).toBeGreaterThanOrEqual(0);
    await owner.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'samarkiv-notifications' AND datname = current_database()`);
    await until(() => !notifications.live);
    const before = loads;
    await cache.get(B, 'down', grants(B));
    await cache.get(B, 'down', grants(B));
    expect(loads).toBe(before + 2);
    await until(() => notifications.live, 10_000);
    await cache.get(B, 'down', grants(B));
    await cache.get(B, 'down', grants(B));
    expect(loads).toBe(before + 3);
    // Notifications arrive on the new connection.
    await grant(B);
    await until(async () => {
      const n = loads;
      await cache.get(B, 'down', grants(B));
      return loads > n;
    }, 2_000);
  });
});
