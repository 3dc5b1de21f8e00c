import type { QueryRunner } from 'typeorm';

/**
 * For migrations: puts a tenant-owned table under the tenant-isolation policy (see the
 * RowLevelSecurity migration). Every new table with a tenant column gets it.
 */
export async function enableRowLevelSecurity(q: QueryRunner, table: string, column = 'tenant_id'): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(
    `CREATE POLICY tenant_isolation ON ${table} TO samarkiv_app USING (samarkiv_tenant_visible(${column})) WITH CHECK (samarkiv_tenant_visible(${column}))`,
  );
}
