import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../src/platform/database/row-level-security';

const TABLES = ['transfer', 'transfer_item', 'retention_rule', 'retention_candidate', 'legal_hold', 'disposal', 'disposal_item', 'tombstone', 'disclosure_request'];

/**
 * The life cycle after the intermediate archive: transfers of custody to the archive authority,
 * retention rules and their candidates, legal holds, disposal decisions and what they destroyed
 * (tombstones: what it was, never content), and the register of requests for records (utlämnande).
 */
export class FinalArchive1765000000000 implements MigrationInterface {
  name = 'FinalArchive1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE transfer (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL,
        status text NOT NULL,
        selection jsonb NOT NULL,
        summary jsonb NOT NULL,
        note text,
        proposed_by text NOT NULL,
        proposed_by_name text,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decided_by text,
        decided_by_name text,
        decided_at timestamptz,
        decision_note text,
        receipt jsonb,
        CONSTRAINT transfer_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT transfer_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT transfer_status_check CHECK (status IN ('proposed', 'accepted', 'refused')),
        CONSTRAINT transfer_decided_by_check CHECK (decided_by IS NULL OR decided_by <> proposed_by)
      )`);
    await q.query(`CREATE INDEX transfer_tenant_id_proposed_at_idx ON transfer (tenant_id, proposed_at DESC)`);
    await q.query(`
      CREATE TABLE transfer_item (
        tenant_id varchar(63) NOT NULL,
        transfer_id uuid NOT NULL,
        aip_id uuid NOT NULL,
        object_id text NOT NULL,
        information_type_id text NOT NULL,
        source_system text NOT NULL,
        delivery_id uuid NOT NULL,
        record_count integer NOT NULL,
        total_bytes bigint NOT NULL,
        first_date timestamptz,
        last_date timestamptz,
        held_records integer NOT NULL DEFAULT 0,
        fixity_before jsonb,
        fixity_after jsonb,
        CONSTRAINT transfer_item_pkey PRIMARY KEY (tenant_id, transfer_id, aip_id),
        CONSTRAINT transfer_item_tenant_id_transfer_id_fkey FOREIGN KEY (tenant_id, transfer_id) REFERENCES transfer(tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX transfer_item_tenant_id_aip_id_idx ON transfer_item (tenant_id, aip_id)`);
    await q.query(`
      CREATE TABLE retention_rule (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL,
        information_type_id text NOT NULL,
        source_system text,
        trigger text NOT NULL,
        years integer NOT NULL,
        description text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT retention_rule_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT retention_rule_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT retention_rule_trigger_check CHECK (trigger IN ('last-record-date', 'patient-last-record-date', 'delivery-date')),
        CONSTRAINT retention_rule_years_check CHECK (years >= 0 AND years <= 1000)
      )`);
    await q.query(`CREATE UNIQUE INDEX retention_rule_scope_key ON retention_rule (tenant_id, information_type_id, coalesce(source_system, ''))`);
    await q.query(`
      CREATE TABLE retention_candidate (
        tenant_id varchar(63) NOT NULL,
        aip_id uuid NOT NULL,
        rule_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        listed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT retention_candidate_pkey PRIMARY KEY (tenant_id, aip_id),
        CONSTRAINT retention_candidate_tenant_id_rule_id_fkey FOREIGN KEY (tenant_id, rule_id) REFERENCES retention_rule(tenant_id, id) ON DELETE CASCADE
      )`);
    // Patient ids in holds are needed to honour the hold; they leave with the release.
    await q.query(`
      CREATE TABLE legal_hold (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL,
        scope text NOT NULL,
        target text NOT NULL,
        reason text NOT NULL,
        set_by text NOT NULL,
        set_by_name text,
        set_at timestamptz NOT NULL DEFAULT now(),
        released_by text,
        released_at timestamptz,
        CONSTRAINT legal_hold_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT legal_hold_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT legal_hold_scope_check CHECK (scope IN ('patient', 'delivery', 'aip', 'record'))
      )`);
    await q.query(`CREATE INDEX legal_hold_active_idx ON legal_hold (tenant_id, scope, target) WHERE released_at IS NULL`);
    await q.query(`
      CREATE TABLE disposal (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        patient_id text,
        note text,
        proposed_by text NOT NULL,
        proposed_by_name text,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decision_reference text,
        decided_by text,
        decided_by_name text,
        decided_at timestamptz,
        executed_at timestamptz,
        stop_reason text,
        report jsonb,
        CONSTRAINT disposal_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT disposal_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT disposal_kind_check CHECK (kind IN ('retention', 'journal')),
        CONSTRAINT disposal_status_check CHECK (status IN ('proposed', 'approved', 'refused', 'executing', 'executed', 'stopped')),
        CONSTRAINT disposal_decided_by_check CHECK (decided_by IS NULL OR decided_by <> proposed_by)
      )`);
    await q.query(`CREATE INDEX disposal_tenant_id_proposed_at_idx ON disposal (tenant_id, proposed_at DESC)`);
    await q.query(`
      CREATE TABLE disposal_item (
        tenant_id varchar(63) NOT NULL,
        disposal_id uuid NOT NULL,
        aip_id uuid NOT NULL,
        object_id text NOT NULL,
        delivery_id uuid NOT NULL,
        information_type_id text NOT NULL,
        source_system text NOT NULL,
        scope text NOT NULL,
        record_ids uuid[] NOT NULL DEFAULT '{}',
        record_count integer NOT NULL,
        total_bytes bigint NOT NULL,
        first_date timestamptz,
        last_date timestamptz,
        status text NOT NULL DEFAULT 'pending',
        CONSTRAINT disposal_item_pkey PRIMARY KEY (tenant_id, disposal_id, aip_id),
        CONSTRAINT disposal_item_tenant_id_disposal_id_fkey FOREIGN KEY (tenant_id, disposal_id) REFERENCES disposal(tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT disposal_item_scope_check CHECK (scope IN ('aip', 'records')),
        CONSTRAINT disposal_item_status_check CHECK (status IN ('pending', 'destroyed'))
      )`);
    await q.query(`
      CREATE TABLE tombstone (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        disposal_id uuid NOT NULL,
        aip_id uuid NOT NULL,
        object_id text NOT NULL,
        delivery_id uuid NOT NULL,
        information_type_id text NOT NULL,
        source_system text NOT NULL,
        scope text NOT NULL,
        record_count integer NOT NULL,
        total_bytes bigint NOT NULL,
        first_date timestamptz,
        last_date timestamptz,
        decision_reference text NOT NULL,
        destroyed_at timestamptz NOT NULL DEFAULT now(),
        destroyed_by text NOT NULL,
        destroyed_by_name text,
        locations text[] NOT NULL,
        CONSTRAINT tombstone_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT tombstone_tenant_id_disposal_id_fkey FOREIGN KEY (tenant_id, disposal_id) REFERENCES disposal(tenant_id, id)
      )`);
    await q.query(`CREATE INDEX tombstone_tenant_id_aip_id_idx ON tombstone (tenant_id, aip_id)`);
    await q.query(`
      CREATE TABLE disclosure_request (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL,
        reference text NOT NULL,
        requester_name text NOT NULL,
        requester_contact text,
        received_at timestamptz NOT NULL,
        subject text NOT NULL,
        information_type_id text,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        assessment text,
        reasoning text,
        assessed_by text,
        assessed_by_name text,
        assessed_at timestamptz,
        handed_out jsonb,
        handed_out_by text,
        handed_out_by_name text,
        handed_out_at timestamptz,
        CONSTRAINT disclosure_request_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT disclosure_request_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT disclosure_request_tenant_id_reference_key UNIQUE (tenant_id, reference),
        CONSTRAINT disclosure_request_assessment_check CHECK (assessment IS NULL OR assessment IN ('released', 'released-masked', 'refused'))
      )`);
    await q.query(`CREATE INDEX disclosure_request_tenant_id_received_at_idx ON disclosure_request (tenant_id, received_at DESC)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO samarkiv_app`);
    for (const table of TABLES) await enableRowLevelSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
