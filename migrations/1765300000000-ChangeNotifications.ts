import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables behind a principal (user, memberships, grants) and spärr, with the channel their changes are told on. */
const WATCHED: Array<{ table: string; channel: string; columns?: string }> = [
  // Only what a principal is made of: a login's last_login_at touches nothing cached.
  { table: 'user_account', channel: 'samarkiv_access', columns: 'tenant_id, display_name, hsa_id, disabled' },
  { table: 'group_member', channel: 'samarkiv_access' },
  { table: 'access_grant', channel: 'samarkiv_access' },
  { table: 'record_block', channel: 'samarkiv_record_block' },
];

/**
 * Change notifications (NOTIFY on commit) for data that API processes cache: every committed
 * insert, update or delete tells the row's tenant ('' for central accounts without one), a
 * TRUNCATE tells '*'. PostgreSQL folds repeats within a transaction, so a bulk change is one
 * notification per tenant. See DatabaseNotifications.
 */
export class ChangeNotifications1765300000000 implements MigrationInterface {
  name = 'ChangeNotifications1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION samarkiv_notify_tenant_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM pg_notify(TG_ARGV[0], coalesce(OLD.tenant_id, '')); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM pg_notify(TG_ARGV[0], coalesce(NEW.tenant_id, '')); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION samarkiv_notify_all_tenants() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(TG_ARGV[0], '*');
        RETURN NULL;
      END $$`);
    for (const { table, channel, columns } of WATCHED) {
      const update = columns ? `UPDATE OF ${columns}` : 'UPDATE';
      await q.query(`CREATE TRIGGER ${table}_notify_change AFTER INSERT OR ${update} OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION samarkiv_notify_tenant_change('${channel}')`);
      await q.query(`CREATE TRIGGER ${table}_notify_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION samarkiv_notify_all_tenants('${channel}')`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of WATCHED) {
      await q.query(`DROP TRIGGER ${table}_notify_truncate ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_notify_change ON ${table}`);
    }
    await q.query(`DROP FUNCTION samarkiv_notify_all_tenants()`);
    await q.query(`DROP FUNCTION samarkiv_notify_tenant_change()`);
  }
}
