import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../src/platform/database/row-level-security';

/**
 * Row-level security on the tenant-owned tables, the last line behind the services' own tenant
 * filters. The app sets `samarkiv.tenant_id` on its connection to the tenant a request or job acts
 * for (`*` for work that spans tenants: authentication look-ups, operators, central maintenance);
 * a row of another tenant is then invisible and cannot be written. Policies bind the app's role
 * only: the schema owner (migrations) is not subject to them.
 */
const RLS_TABLES: Array<{ table: string; column: string }> = [
  { table: 'tenant', column: 'id' },
  { table: 'tenant_information_type', column: 'tenant_id' },
  { table: 'user_account', column: 'tenant_id' },
  { table: 'user_group', column: 'tenant_id' },
  { table: 'group_member', column: 'tenant_id' },
  { table: 'access_grant', column: 'tenant_id' },
  { table: 'tenant_identity_provider', column: 'tenant_id' },
  { table: 'api_client', column: 'tenant_id' },
  { table: 'format_policy', column: 'tenant_id' },
  { table: 'audit_entry', column: 'tenant_id' },
  { table: 'audit_anchor', column: 'tenant_id' },
  { table: 'audit_chain_head', column: 'tenant_id' },
  { table: 'audit_review_sample', column: 'tenant_id' },
  { table: 'audit_review_item', column: 'tenant_id' },
];

export class RowLevelSecurity1764660000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764660000000';

  async up(q: QueryRunner): Promise<void> {
    // SQL and STABLE so the planner inlines it; unset or '*' spans tenants, NULL tenant rows
    // (central audit entries, operators) only then.
    await q.query(`
      CREATE FUNCTION samarkiv_tenant_visible(row_tenant varchar) RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE coalesce(current_setting('samarkiv.tenant_id', true), '')
                 WHEN '' THEN true WHEN '*' THEN true
                 ELSE row_tenant = current_setting('samarkiv.tenant_id', true) END
      $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION samarkiv_tenant_visible(varchar) TO samarkiv_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_identity_provider, api_client TO samarkiv_app`);
    for (const { table, column } of RLS_TABLES) await enableRowLevelSecurity(q, table, column);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of RLS_TABLES) {
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`REVOKE ALL ON tenant_identity_provider, api_client FROM samarkiv_app`);
    await q.query(`DROP FUNCTION samarkiv_tenant_visible(varchar)`);
  }
}
