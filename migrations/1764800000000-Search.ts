import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../src/platform/database/row-level-security';

/**
 * The search index: one row per canonical record. Typed columns hold what every query filters or
 * sorts on (tenant, information type, tier, patient, record date, unit, up to three keys and a
 * number, as each type's `index` declares); `terms` holds the other exact/prefix/facet values as
 * "field=value" strings (GIN); `search_vector` the Swedish full text; `names` the person names for
 * trigram matching. Key columns use the "C" collation so that B-tree indexes serve prefix search.
 */
export class Search1764800000000 implements MigrationInterface {
  name = 'Search1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE record (
        id uuid NOT NULL,
        tenant_id varchar(63) NOT NULL,
        information_type_id varchar(63) NOT NULL,
        tier varchar(16) NOT NULL,
        aip_id uuid NOT NULL,
        delivery_id text NOT NULL,
        source_system text NOT NULL,
        source_record_id text NOT NULL,
        source_file text NOT NULL,
        patient_id text COLLATE "C",
        patient_issuer text,
        record_date timestamptz NOT NULL,
        unit text COLLATE "C" NOT NULL,
        key1 text COLLATE "C" NOT NULL,
        key2 text COLLATE "C" NOT NULL,
        key3 text COLLATE "C" NOT NULL,
        num numeric NOT NULL,
        terms text[] COLLATE "C" NOT NULL,
        names text NOT NULL,
        fields jsonb NOT NULL,
        body text NOT NULL,
        attachments text[] NOT NULL,
        search_vector tsvector NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT record_pkey PRIMARY KEY (id),
        CONSTRAINT record_tenant_id_aip_id_source_record_id_key UNIQUE (tenant_id, aip_id, source_record_id),
        CONSTRAINT record_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT record_tier_check CHECK (tier IN ('intermediate', 'final'))
      )`);
    // Patient lookups (with period) and the timeline.
    await q.query(`CREATE INDEX record_patient_idx ON record (tenant_id, information_type_id, patient_id, record_date) WHERE patient_id IS NOT NULL`);
    // Period searches and the default order (newest first).
    await q.query(`CREATE INDEX record_date_idx ON record (tenant_id, information_type_id, record_date)`);
    await q.query(`CREATE INDEX record_unit_idx ON record (tenant_id, information_type_id, unit, record_date)`);
    await q.query(`CREATE INDEX record_key1_idx ON record (tenant_id, information_type_id, key1, record_date)`);
    await q.query(`CREATE INDEX record_key2_idx ON record (tenant_id, information_type_id, key2, record_date)`);
    await q.query(`CREATE INDEX record_key3_idx ON record (tenant_id, information_type_id, key3, record_date)`);
    await q.query(`CREATE INDEX record_num_idx ON record (tenant_id, information_type_id, num)`);
    await q.query(`CREATE INDEX record_terms_idx ON record USING gin (terms)`);
    await q.query(`CREATE INDEX record_search_vector_idx ON record USING gin (search_vector)`);
    await q.query(`CREATE INDEX record_names_idx ON record USING gin (names gin_trgm_ops)`);
    await q.query(`CREATE INDEX record_aip_idx ON record (tenant_id, aip_id)`);

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON record TO samarkiv_app`);
    await enableRowLevelSecurity(q, 'record');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE record`);
  }
}
