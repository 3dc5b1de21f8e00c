import { DataSource, DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { TenantSlots } from '../../src/ingest/pipeline/tenant-slots';
import { uniq, waitFor } from '../support/test-env';

/** Per-tenant concurrency of the ingest pipeline: N slots per tenant, freed on release or when the holder's connection dies. */
describe('tenant slots', () => {
  let db: DataSource;
  let other: DataSource;
  let dyingName: string;

  beforeAll(async () => {
    const url = process.env.TEST_RUN_DATABASE_URL as string;
    db = await new DataSource(dataSourceOptions(url, { poolSize: 6 })).initialize();
    const name = `slots-dying-${uniq()}`;
    other = await new DataSource({ ...dataSourceOptions(url, { poolSize: 2 }), extra: { max: 2, application_name: name } } as DataSourceOptions).initialize();
    dyingName = name;
  });

  afterAll(async () => {
    await db?.destroy();
    await other?.destroy().catch(() => undefined);
  });

  it('hands out at most N slots per tenant, independently of other tenants', async () => {
    const slots = new TenantSlots(db);
    const tenant = `t-${uniq()}`;
    const a = await slots.acquire(tenant, 2);
    const b = await slots.acquire(tenant, 2);
    expect(a && b).toBeTruthy();
    expect(await slots.acquire(tenant, 2)).toBeNull();
    const elsewhere = await slots.acquire(`t-${uniq()}`, 2);
    expect(elsewhere).not.toBeNull();
    await a!();
    const c = await slots.acquire(tenant, 2);
    expect(c).not.toBeNull();
    await Promise.all([b!(), c!(), elsewhere!()]);
  });

  it('frees the slots of a process whose database connections are gone', async () => {
    const tenant = `t-${uniq()}`;
    const dying = new TenantSlots(other);
    expect(await dying.acquire(tenant, 1)).not.toBeNull();
    expect(await new TenantSlots(db).acquire(tenant, 1)).toBeNull();
    // The holder dies: PostgreSQL drops its session and with it the advisory lock.
    await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [dyingName]);
    const after = await waitFor(async () => (await new TenantSlots(db).acquire(tenant, 1)) ?? undefined, 10_000);
    await after();
  });
});
