import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a delivery was admitted to processing. A tenant has at most its concurrency limit of
 * admitted, unfinished deliveries; the others wait for a turn (per-tenant fairness).
 */
export class DeliveryAdmission1765230000000 implements MigrationInterface {
  name = 'DeliveryAdmission1765230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery ADD COLUMN started_at timestamptz`);
    await q.query(`UPDATE delivery SET started_at = updated_at WHERE stage NOT IN ('awaiting-upload', 'unpacking')`);
    await q.query(`CREATE INDEX delivery_running_idx ON delivery (tenant_id) WHERE started_at IS NOT NULL AND completed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX delivery_running_idx`);
    await q.query(`ALTER TABLE delivery DROP COLUMN started_at`);
  }
}
