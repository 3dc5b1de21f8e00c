import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search reads through `record_in_scope`, a view owned by the schema owner that filters on the
 * same tenant setting as the row-level-security policy. Under the policy, PostgreSQL may not use a
 * non-LEAKPROOF operator (`@@` full text, `@>` / `&&` on the terms array, LIKE on trigram names)
 * as an index condition before the policy's qual has run, so a rare word scanned the whole period.
 * A plain view (deliberately not security_barrier, which would fence the quals the same way) lets
 * the planner push those quals into the GIN and trigram indexes; the tenant qual is still part of
 * every plan. Only the app's own statements run as `samarkiv_app` (it can create no functions in
 * the schema), so there is no caller-supplied leaky function for the fence to guard against.
 *
 * Stricter than the policy: an unset or empty setting shows nothing (the policy treats it as
 * "all"); only the explicit `*` of cross-tenant work shows every tenant. Writes keep going to
 * `record` under row-level security; the app role may only SELECT from the view.
 */
export class RecordSearchView1765200000000 implements MigrationInterface {
  name = 'RecordSearchView1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW record_in_scope AS
        SELECT * FROM record
        WHERE tenant_id = current_setting('samarkiv.tenant_id', true)
           OR current_setting('samarkiv.tenant_id', true) = '*'`);
    await q.query(`REVOKE ALL ON record_in_scope FROM PUBLIC`);
    await q.query(`GRANT SELECT ON record_in_scope TO samarkiv_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW record_in_scope`);
  }
}
