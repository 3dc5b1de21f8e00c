import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tenant's accepted-format policy per information type. No row means the built-in default
 * (RA-FS 2009:2); a row is the tenant administrator's override.
 */
export class FormatPolicy1764650000000 implements MigrationInterface {
  name = 'FormatPolicy1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE format_policy (
        tenant_id varchar(63) NOT NULL,
        information_type_id varchar(63) NOT NULL,
        name text NOT NULL,
        default_decision text NOT NULL,
        formats jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text,
        CONSTRAINT format_policy_pkey PRIMARY KEY (tenant_id, information_type_id),
        CONSTRAINT format_policy_tenant_information_type_fkey FOREIGN KEY (tenant_id, information_type_id)
          REFERENCES tenant_information_type (tenant_id, information_type_id) ON DELETE CASCADE,
        CONSTRAINT format_policy_default_decision_check CHECK (default_decision IN ('accept', 'accept-with-warning', 'reject')),
        CONSTRAINT format_policy_formats_check CHECK (jsonb_typeof(formats) = 'object')
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON format_policy TO samarkiv_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE format_policy`);
  }
}
