import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log the patient-data law requires: append-only, partitioned by month, one hash chain
 * per tenant (the central chain has no tenant). Appends go through `audit_append`, which takes the
 * chain head's row lock, so appends serialise per tenant and never across tenants.
 * The database role `samarkiv_app` may only insert and select on the log.
 */
export class Audit1764500000000 implements MigrationInterface {
  name = 'Audit1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide and test runs create many databases at once: tolerate the race.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE samarkiv_app NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);

    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q.query(`
      CREATE TABLE audit_entry (
        "time" timestamptz NOT NULL,
        tenant_id varchar(63),
        chain_key varchar(63) GENERATED ALWAYS AS (coalesce(tenant_id, '')) STORED,
        seq bigint NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        action varchar(32) NOT NULL,
        outcome varchar(16) NOT NULL,
        actor_kind varchar(16) NOT NULL,
        actor_id text,
        actor_hsa_id text,
        actor_name text,
        actor_role text,
        actor_personal_id varchar(12),
        care_unit_hsa_id text,
        care_unit_name text,
        care_process text,
        session_id text,
        client_address text,
        information_type_id varchar(63),
        patient_id varchar(12),
        patient_name text,
        protected_identity boolean NOT NULL,
        record_ids text[] NOT NULL,
        search_criteria jsonb,
        details jsonb,
        correlation_id text NOT NULL,
        CONSTRAINT audit_entry_pkey PRIMARY KEY (chain_key, seq, "time"),
        CONSTRAINT audit_entry_seq_check CHECK (seq > 0),
        CONSTRAINT audit_entry_outcome_check CHECK (outcome IN ('success', 'refused', 'failed')),
        CONSTRAINT audit_entry_actor_kind_check CHECK (actor_kind IN ('user', 'api-client', 'system', 'anonymous')),
        CONSTRAINT audit_entry_patient_id_check CHECK (patient_id ~ '^[0-9]{12}$'),
        CONSTRAINT audit_entry_action_check CHECK (action IN (
          'login', 'login-refused', 'logout', 'search', 'view', 'download', 'export', 'print', 'deliver',
          'validate', 'transfer', 'request-handled', 'dispose', 'block', 'grant-change', 'config-change',
          'log-review', 'log-maintenance'))
      ) PARTITION BY RANGE ("time")`);
    // The per-patient extract and the per-user review, always within one tenant.
    await q.query(`CREATE INDEX audit_entry_tenant_id_patient_id_time_idx ON audit_entry (tenant_id, patient_id, "time") WHERE patient_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_entry_tenant_id_actor_id_time_idx ON audit_entry (tenant_id, actor_id, "time")`);
    await q.query(`CREATE TRIGGER audit_entry_refuse_change BEFORE UPDATE OR DELETE ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_entry_refuse_truncate BEFORE TRUNCATE ON audit_entry FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);

    await q.query(`
      CREATE TABLE audit_chain_head (
        chain_key varchar(63) NOT NULL,
        tenant_id varchar(63),
        last_seq bigint NOT NULL,
        last_hash char(64) NOT NULL,
        last_time timestamptz NOT NULL,
        CONSTRAINT audit_chain_head_pkey PRIMARY KEY (chain_key)
      )`);

    await q.query(`
      CREATE TABLE audit_anchor (
        id bigint GENERATED ALWAYS AS IDENTITY,
        chain_key varchar(63) NOT NULL,
        tenant_id varchar(63),
        seq bigint NOT NULL,
        hash char(64) NOT NULL,
        entry_time timestamptz NOT NULL,
        reason varchar(16) NOT NULL,
        partition_name text,
        anchored_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT audit_anchor_pkey PRIMARY KEY (id),
        CONSTRAINT audit_anchor_chain_key_seq_reason_key UNIQUE (chain_key, seq, reason),
        CONSTRAINT audit_anchor_reason_check CHECK (reason IN ('periodic', 'retention'))
      )`);
    await q.query(`CREATE TRIGGER audit_anchor_refuse_change BEFORE UPDATE OR DELETE ON audit_anchor FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_anchor_refuse_truncate BEFORE TRUNCATE ON audit_anchor FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);

    // Time and sequence come from the database after the head lock, so both rise together per chain.
    // The hashed text is defined in docs/audit.md; the columns are taken from the hashed body itself,
    // so what is stored is exactly what was hashed.
    await q.query(`
      CREATE FUNCTION audit_append(p_body text, OUT seq bigint, OUT "time" timestamptz, OUT hash char(64))
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v jsonb := p_body::jsonb;
        k varchar(63) := coalesce(v->>'tenantId', '');
        h audit_chain_head%ROWTYPE;
      BEGIN
        -- FOR UPDATE locks without writing a row version; the one UPDATE below writes the new head.
        SELECT * INTO h FROM audit_chain_head c WHERE c.chain_key = k FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO audit_chain_head (chain_key, tenant_id, last_seq, last_hash, last_time)
            VALUES (k, v->>'tenantId', 0, repeat('0', 64), '-infinity') ON CONFLICT (chain_key) DO NOTHING;
          SELECT * INTO h FROM audit_chain_head c WHERE c.chain_key = k FOR UPDATE;
        END IF;
        seq := h.last_seq + 1;
        "time" := greatest(date_trunc('milliseconds', clock_timestamp()), h.last_time);
        hash := encode(sha256(convert_to(
          h.last_hash || E'\\n' || seq::text || E'\\n' ||
          to_char("time" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || E'\\n' || p_body, 'UTF8')), 'hex');
        INSERT INTO audit_entry ("time", tenant_id, seq, prev_hash, hash, action, outcome, actor_kind, actor_id,
          actor_hsa_id, actor_name, actor_role, actor_personal_id, care_unit_hsa_id, care_unit_name, care_process,
          session_id, client_address, information_type_id, patient_id, patient_name, protected_identity, record_ids,
          search_criteria, details, correlation_id)
        VALUES ("time", v->>'tenantId', seq, h.last_hash, hash, v->>'action', v->>'outcome', v->>'actorKind', v->>'actorId',
          v->>'actorHsaId', v->>'actorName', v->>'actorRole', v->>'actorPersonalId', v->>'careUnitHsaId', v->>'careUnitName',
          v->>'careProcess', v->>'sessionId', v->>'clientAddress', v->>'informationTypeId', v->>'patientId',
          v->>'patientName', (v->>'protectedIdentity')::boolean,
          ARRAY(SELECT jsonb_array_elements_text(v->'recordIds')),
          nullif(v->'searchCriteria', 'null'::jsonb), nullif(v->'details', 'null'::jsonb), v->>'correlationId');
        UPDATE audit_chain_head c SET last_seq = seq, last_hash = hash, last_time = "time" WHERE c.chain_key = k;
      END $$`);

    // Partitions are months in UTC. Creating one takes a transaction-level advisory lock so that
    // several processes starting together do not race.
    await q.query(`
      CREATE FUNCTION audit_ensure_partition(p_month date) RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        m date := date_trunc('month', p_month)::date;
        name text := 'audit_entry_' || to_char(m, 'YYYY_MM');
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('samarkiv.audit_partitions'));
        IF to_regclass(name) IS NULL THEN
          EXECUTE format('CREATE TABLE %I PARTITION OF audit_entry FOR VALUES FROM (%L) TO (%L)',
            name, (m::timestamp AT TIME ZONE 'UTC'), ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
          EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()',
            name || '_refuse_truncate', name);
          EXECUTE format('REVOKE ALL ON %I FROM PUBLIC, samarkiv_app', name);
        END IF;
        RETURN name;
      END $$`);

    // Retention: drops whole partitions that end on or before the cutoff, oldest first, and anchors
    // the last entry of each chain in them so that verification can start after the gap. The law's
    // five-year minimum is enforced here too, whatever the application asks.
    await q.query(`
      CREATE FUNCTION audit_drop_partitions_before(p_cutoff timestamptz) RETURNS SETOF text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        part record;
      BEGIN
        IF p_cutoff > now() - interval '5 years' THEN
          RAISE EXCEPTION 'audit retention cutoff % is within the legal minimum of five years', p_cutoff
            USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('samarkiv.audit_partitions'));
        FOR part IN
          SELECT c.relname AS name, to_date(substr(c.relname, 13), 'YYYY_MM') AS month
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'audit_entry'::regclass AND c.relname ~ '^audit_entry_[0-9]{4}_[0-9]{2}$'
          ORDER BY 2
        LOOP
          EXIT WHEN ((part.month + interval '1 month')::timestamp AT TIME ZONE 'UTC') > p_cutoff;
          EXECUTE format(
            'INSERT INTO audit_anchor (chain_key, tenant_id, seq, hash, entry_time, reason, partition_name)
             SELECT DISTINCT ON (chain_key) chain_key, tenant_id, seq, hash, "time", ''retention'', %L
             FROM %I ORDER BY chain_key, seq DESC
             ON CONFLICT (chain_key, seq, reason) DO NOTHING', part.name, part.name);
          EXECUTE format('DROP TABLE %I', part.name);
          RETURN NEXT part.name;
        END LOOP;
      END $$`);

    await q.query(`
      CREATE TABLE audit_review_sample (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id varchar(63) NOT NULL,
        information_type_id varchar(63) NOT NULL,
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        size integer NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        signed_off_by text,
        signed_off_at timestamptz,
        conclusion text,
        CONSTRAINT audit_review_sample_pkey PRIMARY KEY (id),
        CONSTRAINT audit_review_sample_tenant_id_id_key UNIQUE (tenant_id, id),
        CONSTRAINT audit_review_sample_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT audit_review_sample_size_check CHECK (size BETWEEN 1 AND 1000)
      )`);
    await q.query(`CREATE INDEX audit_review_sample_tenant_id_created_at_idx ON audit_review_sample (tenant_id, created_at)`);
    await q.query(`
      CREATE TABLE audit_review_item (
        tenant_id varchar(63) NOT NULL,
        sample_id uuid NOT NULL,
        seq bigint NOT NULL,
        note text,
        noted_by text,
        noted_at timestamptz,
        CONSTRAINT audit_review_item_pkey PRIMARY KEY (tenant_id, sample_id, seq),
        CONSTRAINT audit_review_item_tenant_id_sample_id_fkey FOREIGN KEY (tenant_id, sample_id) REFERENCES audit_review_sample(tenant_id, id)
      )`);

    // The application role: insert and select on the log, nothing else; it appends through
    // audit_append and maintains partitions through the two functions above.
    await q.query(`REVOKE ALL ON audit_entry, audit_anchor, audit_chain_head FROM PUBLIC`);
    await q.query(`GRANT SELECT, INSERT ON audit_entry, audit_anchor TO samarkiv_app`);
    await q.query(`GRANT SELECT ON audit_chain_head TO samarkiv_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON audit_review_sample, audit_review_item TO samarkiv_app`);
    await q.query(`REVOKE ALL ON FUNCTION audit_append(text), audit_ensure_partition(date), audit_drop_partitions_before(timestamptz) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_append(text), audit_ensure_partition(date), audit_drop_partitions_before(timestamptz) TO samarkiv_app`);
    // The rest of the schema is ordinary application data.
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON tenant, tenant_information_type, user_account, user_group, group_member, access_grant TO samarkiv_app`);
    await q.query(`GRANT SELECT ON migration TO samarkiv_app`);

    // The current month and the next three exist from the start; a daily job keeps them ahead.
    for (let i = 0; i < 4; i++) {
      await q.query(`SELECT audit_ensure_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + $1 * interval '1 month')::date)`, [i]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON tenant, tenant_information_type, user_account, user_group, group_member, access_grant, migration FROM samarkiv_app`);
    await q.query(`DROP TABLE audit_review_item`);
    await q.query(`DROP TABLE audit_review_sample`);
    await q.query(`DROP FUNCTION audit_drop_partitions_before(timestamptz)`);
    await q.query(`DROP FUNCTION audit_ensure_partition(date)`);
    await q.query(`DROP FUNCTION audit_append(text)`);
    await q.query(`DROP TABLE audit_anchor`);
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP TABLE audit_entry`);
    await q.query(`DROP FUNCTION audit_refuse_change()`);
    // The role is shared by every database of the cluster, so it stays.
  }
}
