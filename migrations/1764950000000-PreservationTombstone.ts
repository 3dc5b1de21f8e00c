import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../src/platform/database/row-level-security';

/**
 * Tombstones of destroyed content (disposal, journalförstöring): what was destroyed, which
 * digests, on whose decision, when and by whom — the record that stays once the content is gone
 * from every version and every copy. Written `pending` before anything is destroyed.
 */
export class PreservationTombstone1764950000000 implements MigrationInterface {
  name = 'PreservationTombstone1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE preservation_tombstone (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id varchar(63) NOT NULL,
        object_id text NOT NULL,
        whole_object boolean NOT NULL,
        logical_paths text[] NOT NULL,
        content_digests text[] NOT NULL,
        reason text NOT NULL,
        decision_reference text NOT NULL,
        destroyed_by text NOT NULL,
        status text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT preservation_tombstone_pkey PRIMARY KEY (id),
        CONSTRAINT preservation_tombstone_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT preservation_tombstone_status_check CHECK (status IN ('pending', 'done'))
      )`);
    await q.query(`CREATE INDEX preservation_tombstone_tenant_id_object_id_idx ON preservation_tombstone (tenant_id, object_id)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON preservation_tombstone TO samarkiv_app`);
    await enableRowLevelSecurity(q, 'preservation_tombstone');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE preservation_tombstone`);
  }
}
