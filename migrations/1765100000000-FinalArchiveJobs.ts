import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../src/platform/database/row-level-security';

const TABLES = ['transfer_export', 'transfer_export_package'];

/**
 * The life cycle's long work runs as jobs that resume: a disposal's per-AIP progress (where the
 * destruction of each AIP got to, what it left), a transfer's acceptance in progress, and exports
 * of accepted transfers as E-ARK SIPs.
 */
export class FinalArchiveJobs1765100000000 implements MigrationInterface {
  name = 'FinalArchiveJobs1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disposal ADD COLUMN executed_by text, ADD COLUMN executed_by_name text, ADD COLUMN execution_started_at timestamptz`);
    await q.query(`ALTER TABLE disposal_item ADD COLUMN step text, ADD COLUMN locations text[], ADD COLUMN destroyed_at timestamptz`);
    await q.query(`ALTER TABLE disposal_item ADD CONSTRAINT disposal_item_step_check CHECK (step IS NULL OR step IN ('unindexed', 'storage-destroyed'))`);
    // One tombstone per AIP and disposal, whatever a resumed execution does.
    await q.query(`CREATE UNIQUE INDEX tombstone_tenant_id_disposal_id_aip_id_key ON tombstone (tenant_id, disposal_id, aip_id)`);
    await q.query(`ALTER TABLE transfer DROP CONSTRAINT transfer_status_check`);
    await q.query(`ALTER TABLE transfer ADD CONSTRAINT transfer_status_check CHECK (status IN ('proposed', 'accepting', 'accepted', 'refused'))`);
    await q.query(`ALTER TABLE transfer_item ADD COLUMN transfer_event_at timestamptz`);
    await q.query(`
      CREATE TABLE transfer_export (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL,
        transfer_id uuid NOT NULL,
        status text NOT NULL,
        requested_by text NOT NULL,
        requested_by_name text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error text,
        purged_at timestamptz,
        CONSTRAINT transfer_export_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT transfer_export_tenant_id_transfer_id_fkey FOREIGN KEY (tenant_id, transfer_id) REFERENCES transfer(tenant_id, id),
        CONSTRAINT transfer_export_status_check CHECK (status IN ('running', 'completed', 'failed', 'purged'))
      )`);
    await q.query(`CREATE INDEX transfer_export_tenant_id_transfer_id_idx ON transfer_export (tenant_id, transfer_id)`);
    await q.query(`
      CREATE TABLE transfer_export_package (
        tenant_id varchar(63) NOT NULL,
        export_id uuid NOT NULL,
        aip_id uuid NOT NULL,
        name text NOT NULL,
        size bigint NOT NULL,
        sha256 text NOT NULL,
        valid boolean NOT NULL,
        findings jsonb NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CONSTRAINT transfer_export_package_pkey PRIMARY KEY (tenant_id, export_id, aip_id),
        CONSTRAINT transfer_export_package_tenant_id_export_id_name_key UNIQUE (tenant_id, export_id, name),
        CONSTRAINT transfer_export_package_tenant_id_export_id_fkey FOREIGN KEY (tenant_id, export_id) REFERENCES transfer_export(tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX transfer_export_package_tenant_id_aip_id_idx ON transfer_export_package (tenant_id, aip_id)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO samarkiv_app`);
    for (const table of TABLES) await enableRowLevelSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
    await q.query(`ALTER TABLE transfer_item DROP COLUMN transfer_event_at`);
    await q.query(`ALTER TABLE transfer DROP CONSTRAINT transfer_status_check`);
    await q.query(`ALTER TABLE transfer ADD CONSTRAINT transfer_status_check CHECK (status IN ('proposed', 'accepted', 'refused'))`);
    await q.query(`DROP INDEX tombstone_tenant_id_disposal_id_aip_id_key`);
    await q.query(`ALTER TABLE disposal_item DROP CONSTRAINT disposal_item_step_check, DROP COLUMN step, DROP COLUMN locations, DROP COLUMN destroyed_at`);
    await q.query(`ALTER TABLE disposal DROP COLUMN executed_by, DROP COLUMN executed_by_name, DROP COLUMN execution_started_at`);
  }
}
