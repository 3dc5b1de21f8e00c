import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { runInTenantScope } from '../../src/platform/database/tenant-scope';
import { Filter, SearchPlan } from '../../src/search/domain/search-plan';
import { hiddenSql, pageSql, ReadStrategy } from '../../src/search/infrastructure/pg-search.sql';
import { uniq } from '../support/test-env';

const ROWS = 20_000;
const RARE_EVERY = 5_000;

/**
 * The search's reads under the app's restricted role: they go through the tenant-filtered view so
 * full text, diagnosis codes and names use their indexes, and the view never shows another
 * tenant's rows (nor any rows when the tenant setting is unset or empty).
 */
describe('search reads as the app role: indexes used, tenants kept apart', () => {
  jest.setTimeout(300_000);
  const url = process.env.TEST_RUN_DATABASE_URL!;
  let owner: DataSource;
  let app: DataSource;
  const A = `srch-a-${uniq()}`;
  const B = `srch-b-${uniq()}`;
  const rareName = 'qzx' + uniq();

  beforeAll(async () => {
    owner = await new DataSource(dataSourceOptions(url, { poolSize: 1 })).initialize();
    app = await new DataSource(dataSourceOptions(url, { poolSize: 1, role: 'samarkiv_app' })).initialize();
    for (const id of [A, B]) {
      await owner.query(`INSERT INTO tenant (id, name, organisation_number, archive_authority_name) VALUES ($1, $2, '232100-0000', 'Arkiv')`, [id, id]);
      // Frequent words, codes and names everywhere; one record in RARE_EVERY has the rare ones.
      await owner.query(
        `INSERT INTO record (id, tenant_id, information_type_id, tier, aip_id, delivery_id, source_system, source_record_id, source_file,
           patient_id, patient_issuer, record_date, unit, key1, key2, key3, num, terms, names, fields, body, attachments, search_vector)
         SELECT gen_random_uuid(), $1, 'patient-record', 'intermediate', $2::uuid, 'd', 'gen', 'r' || g, 'f.xml',
           lpad((g % 3000)::text, 12, '1'), NULL, timestamptz '2010-01-01' + g * interval '1 hour', 'enhet-' || (g % 20), 'anteckning', 'vg', '', '-Infinity',
           ARRAY['diagnosisCodes=I' || (g % 40), 'sourceSystem=gen'] || CASE WHEN g % $3 = 7 THEN ARRAY['diagnosisCodes=Z99.9'] ELSE '{}'::text[] END,
           lower('Patient ' || md5(g::text)) || CASE WHEN g % $3 = 7 THEN ' ${rareName}' ELSE '' END,
           jsonb_build_object('patientName', 'Patient ' || md5(g::text)), b, '{}', to_tsvector('swedish', b)
         FROM generate_series(1, $4) g,
           LATERAL (SELECT 'Patienten har hypertoni och diabetes, kontroll på vårdcentralen.' || CASE WHEN g % $3 = 7 THEN ' Trombocytopeni.' ELSE '' END AS b) t`,
        [id, randomUUID(), RARE_EVERY, ROWS],
      );
    }
    await owner.query(`ANALYZE record`);
  });

  afterAll(async () => {
    await owner?.query(`DELETE FROM record WHERE tenant_id = ANY($1)`, [[A, B]]);
    await owner?.query(`DELETE FROM tenant WHERE id = ANY($1)`, [[A, B]]);
    await app?.destroy();
    await owner?.destroy();
  });

  const plan = (filters: Filter[]): SearchPlan => ({
    tenantId: A,
    informationTypeId: 'patient-record',
    tiers: ['intermediate'],
    filters,
    sort: { field: 'date', column: 'record_date', direction: 'desc' },
    cursor: null,
    limit: 20,
    facets: [],
    blocks: null,
  });

  /** The plan the app role gets for the search's own statement, and its rows. */
  async function explain(filters: Filter[], strategy: ReadStrategy): Promise<{ plan: string; rows: Array<{ id: string; tenant_id: string }> }> {
    const { sql, params } = pageSql(plan(filters), strategy);
    return runInTenantScope(A, async () => {
      const lines = (await app.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>;
      const rows = (await app.query(sql, params)) as Array<{ id: string; tenant_id: string }>;
      return { plan: lines.map((l) => l['QUERY PLAN']).join('\n'), rows };
    });
  }

  it('runs as the restricted role', async () => {
    const [{ role }] = (await app.query(`SELECT current_user AS role`)) as Array<{ role: string }>;
    expect(role).toBe('samarkiv_app');
  });

  it('a rare word in the full text is found through the full-text index, not by scanning the period', async () => {
    const { plan: p, rows } = await explain([{ kind: 'fulltext', query: 'trombocytopeni' }], 'fenced');
    expect(p).toContain('record_search_vector_idx');
    expect(p).not.toMatch(/Seq Scan on record/);
    expect(rows).toHaveLength(ROWS / RARE_EVERY);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([A]));
  });

  it('a rare word over a long period reads only its matches, not the period through the date index', async () => {
    // As on a large table, the rare lexeme is missing from the column's statistics, so the planner
    // guesses it in 0.5 % of rows and would AND its bitmap with a scan of the period's date entries.
    await owner.query(`ALTER TABLE record ALTER COLUMN search_vector SET STATISTICS 1`);
    await owner.query(`ANALYZE record`);
    try {
      const period: Filter = { kind: 'column-range', column: 'record_date', from: '2010-01-01T00:00:00Z', to: '2010-10-31T23:59:59Z' };
      const { plan: p, rows } = await explain([{ kind: 'fulltext', query: 'trombocytopeni' }, period], 'fenced');
      expect(p).toContain('record_search_vector_idx');
      expect(p).not.toContain('record_date_idx');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(ROWS / RARE_EVERY);
    } finally {
      await owner.query(`ALTER TABLE record ALTER COLUMN search_vector SET STATISTICS -1`);
      await owner.query(`ANALYZE record`);
    }
  });

  it('the same statement on the table itself cannot use the index under row-level security (why the view exists)', async () => {
    const { sql, params } = pageSql(plan([{ kind: 'fulltext', query: 'trombocytopeni' }]), 'fenced');
    const direct = sql.replace(/FROM record_in_scope/g, 'FROM record');
    const lines = (await runInTenantScope(A, () => app.query(`EXPLAIN ${direct}`, params))) as Array<{ 'QUERY PLAN': string }>;
    expect(lines.map((l) => l['QUERY PLAN']).join('\n')).not.toContain('record_search_vector_idx');
  });

  it('a rare diagnosis code is found through the terms index', async () => {
    const { plan: p, rows } = await explain([{ kind: 'terms-all', terms: ['diagnosisCodes=Z99.9'] }], 'ordered');
    expect(p).toContain('record_terms_idx');
    expect(p).not.toMatch(/Seq Scan on record/);
    expect(rows).toHaveLength(ROWS / RARE_EVERY);
  });

  it('a care unit and document type in a period read their matches through the unit and key index', async () => {
    // One record in sixteen of another document type, at every unit.
    await owner.query(`UPDATE record SET key1 = 'epikris' WHERE tenant_id = $1 AND left(md5(source_record_id), 1) = 'a'`, [A]);
    await owner.query(`ANALYZE record`);
    const filters: Filter[] = [
      { kind: 'column-in', column: 'unit', values: ['enhet-7'] },
      { kind: 'column-in', column: 'key1', values: ['epikris'] },
      { kind: 'column-range', column: 'record_date', from: '2010-01-01T00:00:00Z', to: '2011-12-31T23:59:59Z' },
    ];
    const { plan: p, rows } = await explain(filters, 'ordered');
    expect(p).toContain('record_unit_key1_idx');
    // A full page and one more (more follow).
    expect(rows.length).toBe(21);
    expect(p).not.toMatch(/Seq Scan on record/);
  });

  it('a name substring is found through the trigram index', async () => {
    const { sql, params } = pageSql(plan([{ kind: 'name', field: 'patientName', value: rareName }]), 'ordered');
    // The name filter rechecks the field; the generated rows carry the rare part only in `names`.
    const lines = (await runInTenantScope(A, () => app.query(`EXPLAIN ${sql}`, params))) as Array<{ 'QUERY PLAN': string }>;
    const p = lines.map((l) => l['QUERY PLAN']).join('\n');
    expect(p).toContain('record_names_idx');
    expect(p).not.toMatch(/Seq Scan on record/);
  });

  it("the view never shows another tenant's rows, even when a statement forgets the tenant filter", async () => {
    const count = (sql: string, params: unknown[] = []) => runInTenantScope(A, async () => Number(((await app.query(sql, params)) as Array<{ n: string }>)[0].n));
    expect(await count(`SELECT count(*) AS n FROM record_in_scope WHERE tenant_id = $1`, [B])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM record_in_scope WHERE tenant_id = ANY($1)`, [[A, B]])).toBe(ROWS);
    expect(await count(`SELECT count(*) AS n FROM record_in_scope WHERE search_vector @@ to_tsquery('swedish', 'trombocytopeni') AND tenant_id = ANY($1)`, [[A, B]])).toBe(
      ROWS / RARE_EVERY,
    );
  });

  it('shows nothing when the tenant setting is unset or empty, and the app role cannot write through it', async () => {
    const client = new Client({ connectionString: url, options: '-c role=samarkiv_app' });
    await client.connect();
    try {
      const n = async () => Number((await client.query(`SELECT count(*) AS n FROM record_in_scope WHERE tenant_id = ANY($1)`, [[A, B]])).rows[0].n);
      expect(await n()).toBe(0);
      await client.query(`SELECT set_config('samarkiv.tenant_id', '', false)`);
      expect(await n()).toBe(0);
      await client.query(`SELECT set_config('samarkiv.tenant_id', $1, false)`, [B]);
      expect(await n()).toBe(ROWS);
      await expect(client.query(`DELETE FROM record_in_scope WHERE tenant_id = $1`, [B])).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('spärr: a blocked unit is left out of a page, and only the blocked units are probed for hidden matches', async () => {
    await owner.query(`INSERT INTO record_block (tenant_id, id, care_unit, reason, set_by) VALUES ($1, $2, 'enhet-3', 'test', 'test')`, [A, randomUUID()]);
    try {
      const blocked: SearchPlan = { ...plan([{ kind: 'column-range', column: 'record_date', from: '2010-01-01', to: '2013-01-01' }]), blocks: { viewerUnit: null }, limit: 5000 };
      const page = pageSql(blocked);
      const rows = (await runInTenantScope(A, () => app.query(page.sql, page.params))) as Array<{ unit: string }>;
      expect(rows.length).toBeGreaterThan(1000);
      expect(rows.filter((r) => r.unit === 'enhet-3')).toEqual([]);
      const hidden = hiddenSql(blocked);
      const [{ hidden: exists }] = (await runInTenantScope(A, () => app.query(hidden.sql, hidden.params))) as Array<{ hidden: boolean }>;
      expect(exists).toBe(true);
      const lines = (await runInTenantScope(A, () => app.query(`EXPLAIN ${hidden.sql}`, hidden.params))) as Array<{ 'QUERY PLAN': string }>;
      // Driven by the blocked units (one probe each), never a scan of every match checking blocks.
      const p = lines.map((l) => l['QUERY PLAN']).join('\n');
      expect(p).toMatch(/Unique[\s\S]*record_block[\s\S]*unit = record_block\.care_unit/);
      // Acting in the unit: nothing hidden.
      const inUnit = hiddenSql({ ...blocked, blocks: { viewerUnit: 'enhet-3' } });
      expect(((await runInTenantScope(A, () => app.query(inUnit.sql, inUnit.params))) as Array<{ hidden: boolean }>)[0].hidden).toBe(false);
    } finally {
      await owner.query(`DELETE FROM record_block WHERE tenant_id = $1`, [A]);
    }
  });
});
