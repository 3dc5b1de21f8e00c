import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../src/platform/database/row-level-security';

const TABLES = ['tenant_ingest_policy', 'delivery', 'delivery_event', 'delivery_finding', 'receipt', 'aip', 'delivery_webhook'];

/**
 * Deliveries (a SIP on its way through the ingest pipeline), what happened to them (events,
 * findings), their signed receipts, and the intermediate archive's catalogue of AIPs.
 * Children carry (tenant_id, delivery_id) so a composite key keeps them inside their tenant.
 */
export class Ingest1764900000000 implements MigrationInterface {
  name = 'Ingest1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_ingest_policy (
        tenant_id varchar(63) NOT NULL,
        duplicate_objid text NOT NULL DEFAULT 'reject',
        max_package_bytes bigint,
        staging_quota_bytes bigint,
        quarantine_days integer,
        max_concurrent_deliveries integer,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenant_ingest_policy_pkey PRIMARY KEY (tenant_id),
        CONSTRAINT tenant_ingest_policy_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON DELETE CASCADE,
        CONSTRAINT tenant_ingest_policy_duplicate_objid_check CHECK (duplicate_objid IN ('reject', 'new-version')),
        CONSTRAINT tenant_ingest_policy_limits_check CHECK (
          (max_package_bytes IS NULL OR max_package_bytes > 0) AND (staging_quota_bytes IS NULL OR staging_quota_bytes > 0)
          AND (quarantine_days IS NULL OR quarantine_days >= 0) AND (max_concurrent_deliveries IS NULL OR max_concurrent_deliveries > 0))
      )`);
    await q.query(`
      CREATE TABLE delivery (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL,
        idempotency_key text,
        request_hash text NOT NULL,
        created_by text NOT NULL,
        information_type_id text NOT NULL,
        source_system text NOT NULL,
        submission_agreement text,
        expected_size bigint,
        expected_checksum text,
        upload_length bigint,
        received_bytes bigint NOT NULL DEFAULT 0,
        stage text NOT NULL,
        outcome text,
        sip_objid text,
        sip_kind text,
        aip_id uuid,
        aip_version integer,
        attempt integer NOT NULL DEFAULT 0,
        quarantine_until timestamptz,
        purged_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT delivery_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT delivery_id_key UNIQUE (id),
        CONSTRAINT delivery_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT delivery_tenant_id_idempotency_key_key UNIQUE (tenant_id, idempotency_key),
        CONSTRAINT delivery_stage_check CHECK (stage IN (
          'awaiting-upload', 'unpacking', 'validating', 'identifying', 'extracting',
          'building', 'storing', 'cataloguing', 'cleaning', 'accepted', 'rejected', 'failed')),
        CONSTRAINT delivery_outcome_check CHECK (outcome IS NULL OR outcome IN ('accepted', 'rejected', 'failed'))
      )`);
    await q.query(`CREATE INDEX delivery_tenant_id_stage_idx ON delivery (tenant_id, stage)`);
    await q.query(`CREATE INDEX delivery_quarantine_until_idx ON delivery (quarantine_until) WHERE quarantine_until IS NOT NULL AND purged_at IS NULL`);
    await q.query(`
      CREATE TABLE delivery_event (
        tenant_id varchar(63) NOT NULL,
        delivery_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        type text NOT NULL,
        stage text NOT NULL,
        message text NOT NULL,
        details jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT delivery_event_pkey PRIMARY KEY (seq),
        CONSTRAINT delivery_event_tenant_id_delivery_id_fkey FOREIGN KEY (tenant_id, delivery_id) REFERENCES delivery(tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX delivery_event_tenant_id_delivery_id_seq_idx ON delivery_event (tenant_id, delivery_id, seq)`);
    await q.query(`
      CREATE TABLE delivery_finding (
        tenant_id varchar(63) NOT NULL,
        delivery_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        stage text NOT NULL,
        code text NOT NULL,
        severity text NOT NULL,
        message text NOT NULL,
        location text NOT NULL,
        puid text,
        CONSTRAINT delivery_finding_pkey PRIMARY KEY (seq),
        CONSTRAINT delivery_finding_tenant_id_delivery_id_fkey FOREIGN KEY (tenant_id, delivery_id) REFERENCES delivery(tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT delivery_finding_severity_check CHECK (severity IN ('error', 'warning', 'info'))
      )`);
    await q.query(`CREATE INDEX delivery_finding_tenant_id_delivery_id_stage_idx ON delivery_finding (tenant_id, delivery_id, stage)`);
    await q.query(`
      CREATE TABLE aip (
        tenant_id varchar(63) NOT NULL,
        id uuid NOT NULL,
        object_id text NOT NULL,
        delivery_id uuid NOT NULL,
        sip_objid text NOT NULL,
        information_type_id text NOT NULL,
        source_system text NOT NULL,
        tier text NOT NULL DEFAULT 'intermediate',
        version integer NOT NULL,
        stored_version text NOT NULL,
        file_count integer NOT NULL,
        total_bytes bigint NOT NULL,
        record_count integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'active',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT aip_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT aip_id_key UNIQUE (id),
        CONSTRAINT aip_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT aip_tenant_id_delivery_id_fkey FOREIGN KEY (tenant_id, delivery_id) REFERENCES delivery(tenant_id, id),
        CONSTRAINT aip_tenant_id_object_id_key UNIQUE (tenant_id, object_id),
        CONSTRAINT aip_tenant_id_delivery_id_key UNIQUE (tenant_id, delivery_id),
        CONSTRAINT aip_tenant_id_sip_objid_version_key UNIQUE (tenant_id, sip_objid, version),
        CONSTRAINT aip_tier_check CHECK (tier IN ('intermediate', 'final')),
        CONSTRAINT aip_status_check CHECK (status IN ('active', 'superseded', 'disposed'))
      )`);
    await q.query(`CREATE INDEX aip_tenant_id_information_type_id_created_at_idx ON aip (tenant_id, information_type_id, created_at)`);
    await q.query(`
      CREATE TABLE receipt (
        tenant_id varchar(63) NOT NULL,
        delivery_id uuid NOT NULL,
        id uuid NOT NULL,
        outcome text NOT NULL,
        body jsonb NOT NULL,
        jws text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT receipt_pkey PRIMARY KEY (tenant_id, delivery_id),
        CONSTRAINT receipt_id_key UNIQUE (id),
        CONSTRAINT receipt_tenant_id_delivery_id_fkey FOREIGN KEY (tenant_id, delivery_id) REFERENCES delivery(tenant_id, id),
        CONSTRAINT receipt_outcome_check CHECK (outcome IN ('accepted', 'rejected'))
      )`);
    // One webhook per API client: where its deliveries' outcomes are posted, signed with the secret.
    await q.query(`
      CREATE TABLE delivery_webhook (
        tenant_id varchar(63) NOT NULL,
        api_client_id uuid NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT delivery_webhook_pkey PRIMARY KEY (tenant_id, api_client_id),
        CONSTRAINT delivery_webhook_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT delivery_webhook_api_client_id_fkey FOREIGN KEY (api_client_id) REFERENCES api_client(id) ON DELETE CASCADE,
        CONSTRAINT delivery_webhook_url_check CHECK (url ~ '^https?://')
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO samarkiv_app`);
    for (const table of TABLES) await enableRowLevelSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`REVOKE ALL ON ${TABLES.join(', ')} FROM samarkiv_app`);
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
