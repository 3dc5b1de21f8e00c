import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { runInTenantScope } from '../../src/platform/database/tenant-scope';
import { uniq } from '../support/test-env';

/** Row-level security under the app's restricted role: the last line behind the services' filters. */
describe('row-level security (real PostgreSQL, app role)', () => {
  const url = process.env.TEST_RUN_DATABASE_URL!;
  let owner: DataSource;
  let app: DataSource;
  const A = `rls-a-${uniq()}`;
  const B = `rls-b-${uniq()}`;

  beforeAll(async () => {
    owner = await new DataSource(dataSourceOptions(url, { poolSize: 1 })).initialize();
    // One pooled connection, so every scope change reuses the same session.
    app = await new DataSource(dataSourceOptions(url, { poolSize: 1, role: 'samarkiv_app' })).initialize();
    for (const id of [A, B]) {
      await owner.query(`INSERT INTO tenant (id, name, organisation_number, archive_authority_name) VALUES ($1, $2, '232100-0000', 'Arkiv')`, [id, id]);
      await owner.query(`INSERT INTO user_account (tenant_id, external_id, display_name) VALUES ($1, 'same-subject', $2)`, [id, id]);
    }
  });

  afterAll(async () => {
    await owner?.query(`DELETE FROM tenant WHERE id = ANY($1)`, [[A, B]]);
    await app?.destroy();
    await owner?.destroy();
  });

  const usersSeen = async () =>
    ((await app.query(`SELECT tenant_id FROM user_account WHERE tenant_id = ANY($1) ORDER BY tenant_id`, [[A, B]])) as Array<{ tenant_id: string }>).map(
      (r) => r.tenant_id,
    );

  it('runs as the restricted role', async () => {
    const [{ role }] = (await app.query(`SELECT current_user AS role`)) as Array<{ role: string }>;
    expect(role).toBe('samarkiv_app');
  });

  it('a tenant scope sees only its own rows, even when a query forgets the filter; outside a scope all', async () => {
    expect(await runInTenantScope(A, usersSeen)).toEqual([A]);
    expect(await runInTenantScope(B, usersSeen)).toEqual([B]);
    expect(await runInTenantScope(A, usersSeen)).toEqual([A]);
    expect(await usersSeen()).toEqual([A, B]);
    expect(await runInTenantScope(A, () => app.query(`SELECT id FROM tenant WHERE id = ANY($1)`, [[A, B]]))).toEqual([{ id: A }]);
  });

  it('a tenant scope cannot write rows of another tenant, nor move its own rows there', async () => {
    await expect(
      runInTenantScope(A, () => app.query(`INSERT INTO user_account (tenant_id, external_id, display_name) VALUES ($1, 'intruder', 'x')`, [B])),
    ).rejects.toThrow(/row-level security/);
    const updated = await runInTenantScope(A, () => app.query(`UPDATE user_account SET display_name = 'changed' WHERE tenant_id = $1`, [B]));
    expect(updated[1]).toBe(0);
    await expect(runInTenantScope(A, () => app.query(`UPDATE user_account SET tenant_id = $1 WHERE tenant_id = $2`, [B, A]))).rejects.toThrow(
      /row-level security/,
    );
    const [{ name }] = (await owner.query(`SELECT display_name AS name FROM user_account WHERE tenant_id = $1`, [B])) as Array<{ name: string }>;
    expect(name).toBe(B);
  });

  it('keeps the right scope across transactions and rollbacks on a reused connection', async () => {
    await runInTenantScope(B, usersSeen);
    await expect(
      runInTenantScope(A, () =>
        app.transaction(async (m) => {
          expect((await m.query(`SELECT tenant_id FROM user_account WHERE tenant_id = ANY($1)`, [[A, B]])).map((r: { tenant_id: string }) => r.tenant_id)).toEqual([A]);
          throw new Error('roll back');
        }),
      ),
    ).rejects.toThrow('roll back');
    expect(await runInTenantScope(A, usersSeen)).toEqual([A]);
    expect(await runInTenantScope(B, usersSeen)).toEqual([B]);
  });

  it('every table with a tenant column is under the tenant-isolation policy', async () => {
    const rows = (await owner.query(`
      SELECT c.relname AS table, c.relrowsecurity AS rls,
             EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS policy
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) OR c.relname = 'tenant')
      ORDER BY 1`)) as Array<{ table: string; rls: boolean; policy: boolean }>;
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => !r.rls || !r.policy).map((r) => r.table)).toEqual([]);
  });
});
