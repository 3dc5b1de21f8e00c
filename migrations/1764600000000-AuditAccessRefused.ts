import { MigrationInterface, QueryRunner } from 'typeorm';

const BASE = [
  'login', 'login-refused', 'logout', 'search', 'view', 'download', 'export', 'print', 'deliver',
  'validate', 'transfer', 'request-handled', 'dispose', 'block', 'grant-change', 'config-change',
  'log-review', 'log-maintenance',
];

const check = (actions: string[]) => `CHECK (action IN (${actions.map((a) => `'${a}'`).join(', ')}))`;

/**
 * A new audit action: a caller reaching for another tenant's resources (answered 404). The
 * constraint is added NOT VALID and validated separately, so the log is not locked while scanned.
 */
export class AuditAccessRefused1764600000000 implements MigrationInterface {
  name = 'AuditAccessRefused1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_action_check`);
    await q.query(`ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_action_check ${check([...BASE, 'access-refused'])} NOT VALID`);
    await q.query(`ALTER TABLE audit_entry VALIDATE CONSTRAINT audit_entry_action_check`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_action_check`);
    await q.query(`ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_action_check ${check(BASE)}`);
  }
}
