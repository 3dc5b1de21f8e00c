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
        -- Also serves removing an AIP's records (its leading columns).
        CONSTRAINT record_tenant_id_aip_id_source_record_id_key UNIQUE (tenant_id, aip_id, source_record_id),
        CONSTRAINT record_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id),
        CONSTRAINT record_tier_check CHECK (tier IN ('intermediate', 'final'))
      )`);
    // Every B-tree ends with (record_date, id), the keyset order of result pages, so a page is read
    // in index order and the scan stops after it (no sort of all matches).
    // Patient lookups (with period) and the timeline.
    await q.query(`CREATE INDEX record_patient_idx ON record (tenant_id, information_type_id, patient_id, record_date, id) WHERE patient_id IS NOT NULL`);
    // Period searches and the default order (newest first).
    await q.query(`CREATE INDEX record_date_idx ON record (tenant_id, information_type_id, record_date, id)`);
    // Typed columns a type does not use stay empty; partial indexes keep those rows out.
    for (const column of ['unit', 'key1', 'key2', 'key3']) {
      await q.query(`CREATE INDEX record_${column}_idx ON record (tenant_id, information_type_id, ${column}, record_date, id) WHERE ${column} <> ''`);
    }
    await q.query(`CREATE INDEX record_num_idx ON record (tenant_id, information_type_id, num, id) WHERE num <> '-Infinity'`);
    await q.query(`CREATE INDEX record_terms_idx ON record USING gin (terms)`);
    await q.query(`CREATE INDEX record_search_vector_idx ON record USING gin (search_vector)`);
    await q.query(`CREATE INDEX record_names_idx ON record USING gin (names gin_trgm_ops)`);

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON record TO samarkiv_app`);
    await enableRowLevelSecurity(q, 'record');

    // pg_stats hides the statistics of tables under row-level security from the app's role; the
    // search needs the full-text column's common lexemes to pick a plan. Aggregate word shares
    // only (no row, no tenant), and never returned to a caller.
    const [{ schema }] = (await q.query(`SELECT current_schema() AS schema`)) as Array<{ schema: string }>;
    await q.query(`
      CREATE FUNCTION record_common_lexemes() RETURNS TABLE (lexeme text, frequency real)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
        SELECT u.lexeme, u.frequency
        FROM pg_stats s,
             unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs[1:cardinality(s.most_common_elems::text::text[])]) AS u(lexeme, frequency)
        WHERE s.tablename = 'record' AND s.attname = 'search_vector' AND s.schemaname = '${schema.replace(/'/g, "''")}'
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION record_common_lexemes() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION record_common_lexemes() TO samarkiv_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION record_common_lexemes()`);
    await q.query(`DROP TABLE record`);
  }
}
