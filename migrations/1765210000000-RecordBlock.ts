import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../src/platform/database/row-level-security';

/**
 * Spärr (Patientdatalagen 4 kap. 4 §, inre sekretess): a patient's records at a care unit, or all
 * records of a care unit, hidden from users not acting in that unit. `patient_id` NULL blocks the
 * whole unit. `care_unit` is the unit as the records carry it (its HSA-id where the source gives one);
 * the search matches it against the record's unit column.
 */
export class RecordBlock1765210000000 implements MigrationInterface {
  name = 'RecordBlock1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE record_block (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL,
        patient_id text COLLATE "C",
        patient_issuer text,
        care_unit text COLLATE "C" NOT NULL,
        reason text NOT NULL,
        set_by text NOT NULL,
        set_by_name text,
        set_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT record_block_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT record_block_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT record_block_care_unit_check CHECK (care_unit <> '')
      )`);
    // One block per (patient, unit) and one per whole unit; reads probe by (tenant, unit).
    await q.query(`CREATE UNIQUE INDEX record_block_unit_patient_key ON record_block (tenant_id, care_unit, coalesce(patient_id, ''), coalesce(patient_issuer, ''))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON record_block TO samarkiv_app`);
    await enableRowLevelSecurity(q, 'record_block');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE record_block`);
  }
}
