import { Filter, SearchPlan } from '../domain/search-plan';

/** Positional parameters for one statement. */
export class Params {
  readonly values: unknown[] = [];

  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * Searches read the tenant-filtered view, not the table: under row-level security the full-text,
 * terms and trigram operators could not use their indexes (see the RecordSearchView migration).
 */
export const READ_VIEW = 'record_in_scope';

const COLUMN_TYPE: Record<string, string> = { record_date: 'timestamptz', num: 'numeric' };

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterSql(f: Filter, p: Params): string {
  switch (f.kind) {
    case 'patient':
      return f.issuer === undefined ? `patient_id = ${p.add(f.id)}` : `patient_id = ${p.add(f.id)} AND patient_issuer = ${p.add(f.issuer)}`;
    // "<> ''" repeats the partial indexes' predicate so the planner can use them.
    case 'column-in':
      return f.values.length === 1 ? `${f.column} = ${p.add(f.values[0])} AND ${f.column} <> ''` : `${f.column} = ANY(${p.add(f.values)}::text[]) AND ${f.column} <> ''`;
    case 'column-prefix':
      return `${f.column} LIKE ${p.add(`${escapeLike(f.prefix)}%`)} AND ${f.column} <> ''`;
    case 'column-range': {
      const t = COLUMN_TYPE[f.column];
      const parts = f.column === 'num' ? [`num <> '-Infinity'`] : [];
      if (f.from !== undefined) parts.push(`${f.column} >= ${p.add(f.from)}::${t}`);
      if (f.to !== undefined) parts.push(`${f.column} <= ${p.add(f.to)}::${t}`);
      return parts.join(' AND ') || 'true';
    }
    case 'terms-all':
      return `terms @> ${p.add(f.terms)}::text[]`;
    case 'terms-any':
      return `terms && ${p.add(f.terms)}::text[]`;
    case 'field-range': {
      const expr = `(fields->>${p.add(f.field)})::${f.cast}`;
      const parts = [];
      if (f.from !== undefined) parts.push(`${expr} >= ${p.add(f.from)}::${f.cast}`);
      if (f.to !== undefined) parts.push(`${expr} <= ${p.add(f.to)}::${f.cast}`);
      return parts.join(' AND ') || 'true';
    }
    case 'field-text': {
      const q = `websearch_to_tsquery('swedish', ${p.add(f.query)})`;
      // The vector narrows through its GIN index; the field's own text confirms the match.
      return `search_vector @@ ${q} AND to_tsvector('swedish', coalesce(fields->>${p.add(f.field)}, '')) @@ ${q}`;
    }
    case 'name': {
      const like = p.add(`%${escapeLike(f.value.toLowerCase())}%`);
      return `names LIKE ${like} AND lower(fields->>${p.add(f.field)}) LIKE ${like}`;
    }
    case 'fulltext':
      return `search_vector @@ websearch_to_tsquery('swedish', ${p.add(f.query)})`;
  }
}

/**
 * A block of the tenant that hides this row from a viewer acting in `viewerUnit` (another unit or
 * none): the whole unit, or the row's patient at the unit. Probes record_block's unique index.
 */
export function blockedSql(tenantParam: string, viewerUnitParam: string, row = READ_VIEW): string {
  return `EXISTS (SELECT 1 FROM record_block b WHERE b.tenant_id = ${tenantParam} AND b.care_unit = ${row}.unit
    AND b.care_unit IS DISTINCT FROM ${viewerUnitParam}::text
    AND (b.patient_id IS NULL OR (b.patient_id = ${row}.patient_id AND (b.patient_issuer IS NULL OR b.patient_issuer = ${row}.patient_issuer))))`;
}

/** The criteria of a search (tenant, type and tiers first, always), without the spärr. */
export function criteriaSql(plan: SearchPlan, p: Params): string {
  const parts = [`tenant_id = ${p.add(plan.tenantId)}`, `information_type_id = ${p.add(plan.informationTypeId)}`, `tier = ANY(${p.add(plan.tiers)}::text[])`];
  for (const f of plan.filters) parts.push(filterSql(f, p));
  return parts.join(' AND ');
}

/** The WHERE clause every search statement shares: the criteria, and no row the viewer's spärr hides. */
export function whereSql(plan: SearchPlan, p: Params): string {
  const criteria = criteriaSql(plan, p);
  if (!plan.blocks) return criteria;
  return `${criteria} AND NOT ${blockedSql(p.add(plan.tenantId), p.add(plan.blocks.viewerUnit))}`;
}

export const RECORD_COLUMNS = `id, tenant_id, information_type_id, tier, aip_id, delivery_id, source_system, source_record_id, source_file,
  patient_id, patient_issuer, record_date, unit, fields, attachments`;

/**
 * How to read the matches. `ordered`: walk the index in result order and stop after the page (good
 * when matches are frequent). `fenced`: collect every match first through the full-text index, then
 * sort (good for rare words, where walking the date order would read most of the period).
 */
export type ReadStrategy = 'ordered' | 'fenced';

function ordered(plan: SearchPlan, p: Params, columns: string, limit: number): string {
  const where = whereSql(plan, p);
  const { column, direction } = plan.sort;
  const t = COLUMN_TYPE[column] ?? 'text';
  const cmp = direction === 'desc' ? '<' : '>';
  const keyset = plan.cursor ? ` AND (${column}, id) ${cmp} (${p.add(plan.cursor.value)}::${t}, ${p.add(plan.cursor.id)}::uuid)` : '';
  const dir = direction.toUpperCase();
  return `SELECT ${columns} FROM ${READ_VIEW} WHERE ${where}${keyset} ORDER BY ${column} ${dir}, id ${dir} LIMIT ${p.add(limit)}`;
}

/** Filters that narrow through the full-text index (or the patient's own index) in the fenced read. */
const narrowsFenced = (f: Filter) => f.kind === 'fulltext' || f.kind === 'field-text' || f.kind === 'patient';

/** Every column a filter, the spärr or a page can read (not the body nor the vector). */
const FENCED_COLUMNS = `${RECORD_COLUMNS}, key1, key2, key3, num, terms, names`;

/**
 * The same rows as `ordered`: the rare words' matches collected through the full-text index alone
 * behind a materialized fence, then the other criteria, the spärr and the order applied to those
 * few rows. Inside the fence, the planner would otherwise AND the full-text bitmap with a date or
 * unit index, reading every entry of a long period (its estimate for a rare lexeme is far too high).
 */
function fenced(plan: SearchPlan, p: Params, columns: string, limit: number): string {
  const inner = criteriaSql({ ...plan, filters: plan.filters.filter(narrowsFenced) }, p);
  const outer = plan.filters.filter((f) => !narrowsFenced(f)).map((f) => filterSql(f, p));
  if (plan.blocks) outer.push(`NOT ${blockedSql(p.add(plan.tenantId), p.add(plan.blocks.viewerUnit), 'matches')}`);
  const { column, direction } = plan.sort;
  const t = COLUMN_TYPE[column] ?? 'text';
  const cmp = direction === 'desc' ? '<' : '>';
  if (plan.cursor) outer.push(`(${column}, id) ${cmp} (${p.add(plan.cursor.value)}::${t}, ${p.add(plan.cursor.id)}::uuid)`);
  const dir = direction.toUpperCase();
  return `WITH matches AS MATERIALIZED (SELECT ${FENCED_COLUMNS} FROM ${READ_VIEW} WHERE ${inner})
    SELECT ${columns} FROM matches${outer.length ? ` WHERE ${outer.join(' AND ')}` : ''} ORDER BY ${column} ${dir}, id ${dir} LIMIT ${p.add(limit)}`;
}

function read(plan: SearchPlan, p: Params, columns: string, limit: number, strategy: ReadStrategy): string {
  return strategy === 'ordered' ? ordered(plan, p, columns, limit) : fenced(plan, p, columns, limit);
}

/** Whether the criteria match any row the viewer's spärr hides (no count, no content). */
export function hiddenSql(plan: SearchPlan): { sql: string; params: unknown[] } {
  const p = new Params();
  if (!plan.blocks) return { sql: 'SELECT false AS hidden', params: [] };
  const criteria = criteriaSql(plan, p);
  const tenant = p.add(plan.tenantId);
  const viewer = p.add(plan.blocks.viewerUnit);
  // Only rows at blocked units can be hidden: one probe of the unit index per blocked unit (a broad
  // search with no hidden match would otherwise read every match).
  const sql = `SELECT EXISTS (
      SELECT 1 FROM (SELECT DISTINCT care_unit FROM record_block WHERE tenant_id = ${tenant} AND care_unit IS DISTINCT FROM ${viewer}::text) blocked_unit
      CROSS JOIN LATERAL (SELECT 1 FROM ${READ_VIEW} WHERE ${criteria} AND unit = blocked_unit.care_unit AND ${blockedSql(tenant, viewer)} LIMIT 1) hit
    ) AS hidden`;
  return { sql, params: p.values };
}

/** One page in keyset order: (sort value, id) strictly after the cursor. */
export function pageSql(plan: SearchPlan, strategy: ReadStrategy = 'ordered'): { sql: string; params: unknown[] } {
  const p = new Params();
  const sql = read(plan, p, `${RECORD_COLUMNS}, ${plan.sort.column}::text AS sort_value`, plan.limit + 1, strategy);
  return { sql, params: p.values };
}

/**
 * The first page and the facet counts in one statement: the first `sample` matches in result order
 * (read once, through the same index as a page), counted per facet value, and the page's rows, the
 * first `plan.limit + 1` of them, fetched whole as one JSON array (column `page`, in order) on the
 * '#page' row. A search's first answer is then one round trip.
 */
export function firstPageSql(plan: SearchPlan, sample: number, strategy: ReadStrategy = 'ordered'): { sql: string; params: unknown[] } {
  if (sample < plan.limit + 1) throw new Error('the facet sample must hold the first page');
  const p = new Params();
  const columns = [...new Set(plan.facets.flatMap((f) => ('column' in f.source ? [f.source.column] : [])))];
  const termFields = plan.facets.flatMap((f) => ('terms' in f.source ? [f.source.terms] : []));
  const { column, direction } = plan.sort;
  const dir = direction.toUpperCase();
  const parts = [
    `SELECT '#page' AS facet, NULL AS value, NULL::bigint AS n, (SELECT json_agg(r ORDER BY page.rn) FROM page
       CROSS JOIN LATERAL (SELECT ${RECORD_COLUMNS}, ${column}::text AS sort_value FROM ${READ_VIEW} WHERE id = page.id) r) AS page`,
  ];
  // The match count and every column facet in one pass over the sample (grouping sets); the
  // grand total is '#matched'. Empty values come back too and are left out by the caller.
  const which = columns.map((c) => `WHEN grouping(${c}) = 0 THEN '${c}'`).join(' ');
  const value = columns.length ? `coalesce(${columns.map((c) => `${c}::text`).join(', ')})` : 'NULL';
  parts.push(`SELECT ${columns.length ? `CASE ${which} ELSE '#matched' END` : `'#matched'`}, ${value}, count(*), NULL FROM m GROUP BY GROUPING SETS (${[...columns.map((c) => `(${c})`), '()'].join(', ')})`);
  if (termFields.length) {
    const prefixes = p.add(termFields.map((f) => `${escapeLike(f)}=%`));
    parts.push(`SELECT 'terms', t, count(*), NULL FROM (SELECT unnest(terms) AS t FROM m) u WHERE t LIKE ANY(${prefixes}::text[]) GROUP BY t`);
  }
  const selected = ['id', `${column} AS sort_key`, ...columns, ...(termFields.length ? ['terms'] : [])].join(', ');
  const sql = `WITH m AS (${read({ ...plan, cursor: null }, p, selected, sample, strategy)}),
    page AS (SELECT id, row_number() OVER (ORDER BY sort_key ${dir}, id ${dir}) AS rn FROM m ORDER BY sort_key ${dir}, id ${dir} LIMIT ${p.add(plan.limit + 1)})
    ${parts.join('\n    UNION ALL ')}`;
  return { sql, params: p.values };
}
