import { Filter, SearchPlan } from '../domain/search-plan';

/** Positional parameters for one statement. */
export class Params {
  readonly values: unknown[] = [];

  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const COLUMN_TYPE: Record<string, string> = { record_date: 'timestamptz', num: 'numeric' };

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterSql(f: Filter, p: Params): string {
  switch (f.kind) {
    case 'patient':
      return f.issuer === undefined ? `patient_id = ${p.add(f.id)}` : `patient_id = ${p.add(f.id)} AND patient_issuer = ${p.add(f.issuer)}`;
    case 'column-in':
      return f.values.length === 1 ? `${f.column} = ${p.add(f.values[0])}` : `${f.column} = ANY(${p.add(f.values)}::text[])`;
    case 'column-prefix':
      return `${f.column} LIKE ${p.add(`${escapeLike(f.prefix)}%`)}`;
    case 'column-range': {
      const t = COLUMN_TYPE[f.column];
      const parts = [];
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

/** The WHERE clause every search statement shares: tenant, type and tiers first, always. */
export function whereSql(plan: SearchPlan, p: Params): string {
  const parts = [`tenant_id = ${p.add(plan.tenantId)}`, `information_type_id = ${p.add(plan.informationTypeId)}`, `tier = ANY(${p.add(plan.tiers)}::text[])`];
  for (const f of plan.filters) parts.push(filterSql(f, p));
  return parts.join(' AND ');
}

export const RECORD_COLUMNS = `id, tenant_id, information_type_id, tier, aip_id, delivery_id, source_system, source_record_id, source_file,
  patient_id, patient_issuer, record_date, unit, fields, attachments`;

/** One page in keyset order: (sort value, id) strictly after the cursor. */
export function pageSql(plan: SearchPlan): { sql: string; params: unknown[] } {
  const p = new Params();
  const where = whereSql(plan, p);
  const { column, direction } = plan.sort;
  const t = COLUMN_TYPE[column] ?? 'text';
  const cmp = direction === 'desc' ? '<' : '>';
  const keyset = plan.cursor ? ` AND (${column}, id) ${cmp} (${p.add(plan.cursor.value)}::${t}, ${p.add(plan.cursor.id)}::uuid)` : '';
  const dir = direction.toUpperCase();
  const sql = `SELECT ${RECORD_COLUMNS}, ${column}::text AS sort_value FROM record WHERE ${where}${keyset}
    ORDER BY ${column} ${dir}, id ${dir} LIMIT ${p.add(plan.limit + 1)}`;
  return { sql, params: p.values };
}

/** Facet counts over a bounded sample of the matches (the first `sample` rows). */
export function facetSql(plan: SearchPlan, sample: number): { sql: string; params: unknown[] } {
  const p = new Params();
  const where = whereSql(plan, p);
  const columns = plan.facets.flatMap((f) => ('column' in f.source ? [f.source.column] : []));
  const termFields = plan.facets.flatMap((f) => ('terms' in f.source ? [f.source.terms] : []));
  const parts = [`SELECT '#matched' AS facet, NULL AS value, count(*) AS n FROM m`];
  for (const c of new Set(columns)) parts.push(`SELECT '${c}', ${c}::text, count(*) FROM m WHERE ${c} <> '' GROUP BY ${c}`);
  if (termFields.length) {
    const prefixes = p.add(termFields.map((f) => `${escapeLike(f)}=%`));
    parts.push(`SELECT 'terms', t, count(*) FROM m, unnest(m.terms) t WHERE t LIKE ANY(${prefixes}::text[]) GROUP BY t`);
  }
  const selected = [...new Set(columns), ...(termFields.length ? ['terms'] : [])];
  const sql = `WITH m AS (SELECT ${selected.length ? selected.join(', ') : 'id'} FROM record WHERE ${where} LIMIT ${p.add(sample)})
    ${parts.join('\n    UNION ALL ')}`;
  return { sql, params: p.values };
}
