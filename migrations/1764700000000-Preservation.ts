import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../src/platform/database/row-level-security';

/** Tenant-owned tables (row-level security); audit runs and cursors are installation-wide. */
const TENANT_TABLES = ['storage_policy', 'preservation_object', 'stored_copy', 'preservation_file', 'preservation_event', 'fixity_audit_finding'];

/**
 * The preservation catalogue: which OCFL objects a tenant has, which copy sits in which storage
 * location and when it was last verified, the files' digests and sizes, PREMIS events, the
 * tenants' storage policies and the fixity-audit reports. The storage roots stay the truth about
 * content; this catalogue says what must be there.
 */
export class Preservation1764700000000 implements MigrationInterface {
  name = 'Preservation1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE storage_policy (
        tenant_id varchar(63) NOT NULL,
        locations text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text,
        CONSTRAINT storage_policy_pkey PRIMARY KEY (tenant_id),
        CONSTRAINT storage_policy_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON DELETE CASCADE,
        CONSTRAINT storage_policy_locations_check CHECK (cardinality(locations) > 0)
      )`);
    await q.query(`
      CREATE TABLE preservation_object (
        tenant_id varchar(63) NOT NULL,
        object_id text NOT NULL,
        status text NOT NULL,
        head text,
        file_count integer NOT NULL DEFAULT 0,
        total_bytes bigint NOT NULL DEFAULT 0,
        inventory_digest text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT preservation_object_pkey PRIMARY KEY (tenant_id, object_id),
        CONSTRAINT preservation_object_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT preservation_object_status_check CHECK (status IN ('storing', 'stored', 'damaged')),
        CONSTRAINT preservation_object_object_id_check CHECK (object_id LIKE 'urn:samarkiv:' || tenant_id || ':%')
      )`);
    await q.query(`
      CREATE TABLE stored_copy (
        tenant_id varchar(63) NOT NULL,
        object_id text NOT NULL,
        location text NOT NULL,
        status text NOT NULL,
        head text,
        verified_at timestamptz,
        audited_at timestamptz,
        findings text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stored_copy_pkey PRIMARY KEY (tenant_id, object_id, location),
        CONSTRAINT stored_copy_tenant_id_object_id_fkey FOREIGN KEY (tenant_id, object_id) REFERENCES preservation_object(tenant_id, object_id) ON DELETE CASCADE,
        CONSTRAINT stored_copy_status_check CHECK (status IN ('writing', 'verified', 'failed'))
      )`);
    // The audit takes the copies of a location least recently audited first.
    await q.query(`CREATE INDEX stored_copy_location_audited_at_idx ON stored_copy (location, audited_at NULLS FIRST, tenant_id, object_id)`);
    await q.query(`
      CREATE TABLE preservation_file (
        tenant_id varchar(63) NOT NULL,
        object_id text NOT NULL,
        content_path text NOT NULL,
        digest text NOT NULL,
        size bigint NOT NULL,
        CONSTRAINT preservation_file_pkey PRIMARY KEY (tenant_id, object_id, content_path),
        CONSTRAINT preservation_file_tenant_id_object_id_fkey FOREIGN KEY (tenant_id, object_id) REFERENCES preservation_object(tenant_id, object_id) ON DELETE CASCADE
      )`);
    // Events outlive the object they describe (a destroyed object keeps its history): no FK to it.
    await q.query(`
      CREATE TABLE preservation_event (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        tenant_id varchar(63) NOT NULL,
        object_id text NOT NULL,
        event_type text NOT NULL,
        event_date_time timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL,
        detail text NOT NULL,
        outcome_detail jsonb,
        location text,
        agent_name text NOT NULL,
        agent_address text,
        correlation_id text,
        CONSTRAINT preservation_event_pkey PRIMARY KEY (id),
        CONSTRAINT preservation_event_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT preservation_event_outcome_check CHECK (outcome IN ('success', 'failure', 'warning'))
      )`);
    await q.query(`CREATE INDEX preservation_event_tenant_id_object_id_idx ON preservation_event (tenant_id, object_id, event_date_time)`);
    await q.query(`
      CREATE TABLE fixity_audit_run (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        location text NOT NULL,
        trigger text NOT NULL,
        status text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        objects_checked integer NOT NULL DEFAULT 0,
        files_checked bigint NOT NULL DEFAULT 0,
        bytes_checked bigint NOT NULL DEFAULT 0,
        objects_failed integer NOT NULL DEFAULT 0,
        objects_repaired integer NOT NULL DEFAULT 0,
        objects_damaged integer NOT NULL DEFAULT 0,
        error text,
        CONSTRAINT fixity_audit_run_pkey PRIMARY KEY (id),
        CONSTRAINT fixity_audit_run_status_check CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
        CONSTRAINT fixity_audit_run_trigger_check CHECK (trigger IN ('schedule', 'manual'))
      )`);
    await q.query(`CREATE INDEX fixity_audit_run_started_at_idx ON fixity_audit_run (started_at DESC)`);
    // Only object ids, finding kinds and outcomes: operators read this report and see no content.
    await q.query(`
      CREATE TABLE fixity_audit_finding (
        run_id uuid NOT NULL,
        tenant_id varchar(63) NOT NULL,
        object_id text NOT NULL,
        location text NOT NULL,
        kinds text[] NOT NULL,
        files integer NOT NULL,
        outcome text NOT NULL,
        found_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fixity_audit_finding_pkey PRIMARY KEY (run_id, tenant_id, object_id, location),
        CONSTRAINT fixity_audit_finding_run_id_fkey FOREIGN KEY (run_id) REFERENCES fixity_audit_run(id) ON DELETE CASCADE,
        CONSTRAINT fixity_audit_finding_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT fixity_audit_finding_outcome_check CHECK (outcome IN ('repaired', 'damaged', 'unrepaired'))
      )`);
    // Where an interrupted audit of a location resumes, and who holds it (a lease, not a lock:
    // a killed worker's lease simply runs out). Installation-wide, so no tenant_id column (no RLS).
    await q.query(`
      CREATE TABLE fixity_audit_cursor (
        location text NOT NULL,
        run_id uuid,
        object_tenant_id varchar(63),
        object_id text,
        object_cursor jsonb,
        lease_owner text,
        lease_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fixity_audit_cursor_pkey PRIMARY KEY (location)
      )`);
    await q.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON storage_policy, preservation_object, stored_copy, preservation_file, preservation_event,
        fixity_audit_run, fixity_audit_finding, fixity_audit_cursor TO samarkiv_app`);
    for (const table of TENANT_TABLES) await enableRowLevelSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['fixity_audit_cursor', 'fixity_audit_finding', 'fixity_audit_run', 'preservation_event', 'preservation_file', 'stored_copy', 'preservation_object', 'storage_policy']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
