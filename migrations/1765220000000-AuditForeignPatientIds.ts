import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accesses to records of patients with a foreign or local id (not a personnummer or
 * samordningsnummer) are logged with the id and its issuer as "<issuer OID>|<id>", so the
 * per-patient extract finds them. The hashed body keeps its shape (patientId is a string); only
 * the column's type and check widen. varchar(12) → text needs no rewrite.
 */
export class AuditForeignPatientIds1765220000000 implements MigrationInterface {
  name = 'AuditForeignPatientIds1765220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_patient_id_check`);
    await q.query(`ALTER TABLE audit_entry ALTER COLUMN patient_id TYPE text`);
    await q.query(`ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_patient_id_check CHECK (patient_id ~ '^[0-9]{12}$' OR patient_id ~ '^[^|[:cntrl:]]{1,128}[|][^|[:cntrl:]]{1,64}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_patient_id_check`);
    await q.query(`ALTER TABLE audit_entry ALTER COLUMN patient_id TYPE varchar(12)`);
    await q.query(`ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_patient_id_check CHECK (patient_id ~ '^[0-9]{12}$')`);
  }
}
