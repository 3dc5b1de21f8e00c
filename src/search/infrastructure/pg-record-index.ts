import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager } from 'typeorm';
import { IndexedRecord, IndexRow } from '../domain/indexed-record';
import { FacetPage, IndexWriter, RecordIndex, SearchPage } from '../domain/record-index.port';
import { BlockScope, FacetResult, SearchPlan } from '../domain/search-plan';
import { copyLine } from './copy-text';
import { RecordBlockRepository } from './record-block.repository';
import { blockedSql, firstPageSql, hiddenSql, pageSql, READ_VIEW, ReadStrategy, RECORD_COLUMNS } from './pg-search.sql';

interface RecordDbRow {
  id: string;
  tenant_id: string;
  information_type_id: string;
  tier: 'intermediate' | 'final';
  aip_id: string;
  delivery_id: string;
  source_system: string;
  source_record_id: string;
  source_file: string;
  patient_id: string | null;
  patient_issuer: string | null;
  record_date: Date;
  unit: string;
  fields: IndexedRecord['fields'];
  attachments: string[];
  sort_value?: string;
  body?: string;
}

const toRecord = (r: RecordDbRow): IndexedRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  informationTypeId: r.information_type_id,
  tier: r.tier,
  aipId: r.aip_id,
  deliveryId: r.delivery_id,
  sourceSystem: r.source_system,
  sourceRecordId: r.source_record_id,
  sourceFile: r.source_file,
  patientId: r.patient_id,
  patientIssuer: r.patient_issuer,
  // -infinity (no date) comes back as an invalid Date from node-postgres.
  recordDate: r.record_date instanceof Date && Number.isFinite(r.record_date.getTime()) ? r.record_date : null,
  unit: r.unit === '' ? null : r.unit,
  fields: r.fields,
  attachments: r.attachments,
});

/** A record row as json_agg gives it: the date as ISO text. */
type JsonRecordRow = Omit<RecordDbRow, 'record_date'> & { record_date: string };

/** A page of `plan.limit` rows; one more row read tells that more follow. */
function toPage(plan: SearchPlan, rows: RecordDbRow[]): SearchPage {
  const more = rows.length > plan.limit;
  const page = more ? rows.slice(0, plan.limit) : rows;
  const lastRow = page[page.length - 1];
  return { items: page.map(toRecord), last: more && lastRow ? { value: lastRow.sort_value!, id: lastRow.id } : null };
}

/** The batch table's columns, in the order of `toCopyLine`. */
const BATCH_COLUMNS = `id uuid, tenant_id text, information_type_id text, tier text, aip_id uuid, delivery_id text, source_system text,
  source_record_id text, source_file text, patient_id text, patient_issuer text, record_date timestamptz, unit text, key1 text, key2 text,
  key3 text, num numeric, terms text[], names text, fields jsonb, body text, attachments text[], a_text text, d_text text`;

/** One index row as a COPY line (the body once: the vector's text only when cut). */
const toCopyLine = (r: IndexRow): string =>
  copyLine([
    r.id,
    r.tenantId,
    r.informationTypeId,
    r.tier,
    r.aipId,
    r.deliveryId,
    r.sourceSystem,
    r.sourceRecordId,
    r.sourceFile,
    r.patientId,
    r.patientIssuer,
    r.recordDate,
    r.unit,
    r.keys[0],
    r.keys[1],
    r.keys[2],
    r.num,
    r.terms,
    r.names,
    { json: r.fields },
    r.body,
    r.attachments,
    r.weightedText.a,
    r.weightedText.d === r.body ? null : r.weightedText.d,
  ]);

/**
 * A transaction-local table the rows are copied into; ON COMMIT DROP, so nothing outlives the
 * transaction in a pooled session (and a rolled-back transaction takes it with it).
 */
const CREATE_BATCH_SQL = `CREATE TEMP TABLE IF NOT EXISTS record_batch (${BATCH_COLUMNS}) ON COMMIT DROP`;
const COPY_SQL = `COPY record_batch FROM STDIN`;

/** From the batch table into the index (the vector computed here), then the batch table emptied: one round trip. */
const INSERT_SQL = `
  INSERT INTO record (id, tenant_id, information_type_id, tier, aip_id, delivery_id, source_system, source_record_id, source_file,
    patient_id, patient_issuer, record_date, unit, key1, key2, key3, num, terms, names, fields, body, attachments, search_vector)
  SELECT u.id, u.tenant_id, u.information_type_id, u.tier, u.aip_id, u.delivery_id, u.source_system, u.source_record_id, u.source_file,
    u.patient_id, u.patient_issuer, u.record_date, u.unit, u.key1, u.key2, u.key3, u.num, u.terms, u.names, u.fields, u.body, u.attachments,
    setweight(to_tsvector('swedish', u.a_text), 'A') || to_tsvector('swedish', coalesce(u.d_text, u.body))
  FROM record_batch u
  ON CONFLICT (id) DO UPDATE SET
    information_type_id = EXCLUDED.information_type_id, tier = EXCLUDED.tier, delivery_id = EXCLUDED.delivery_id,
    source_system = EXCLUDED.source_system, source_file = EXCLUDED.source_file, patient_id = EXCLUDED.patient_id,
    patient_issuer = EXCLUDED.patient_issuer, record_date = EXCLUDED.record_date, unit = EXCLUDED.unit, key1 = EXCLUDED.key1,
    key2 = EXCLUDED.key2, key3 = EXCLUDED.key3, num = EXCLUDED.num, terms = EXCLUDED.terms, names = EXCLUDED.names,
    fields = EXCLUDED.fields, body = EXCLUDED.body, attachments = EXCLUDED.attachments, search_vector = EXCLUDED.search_vector,
    indexed_at = now();
  TRUNCATE record_batch`;

function copyInto(client: PoolClient, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(COPY_SQL));
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(text);
  });
}

/** The transaction's own connection: COPY needs the driver's client, which TypeORM does not expose as a query. */
async function transactionClient(tx: EntityManager): Promise<PoolClient> {
  if (!tx.queryRunner?.isTransactionActive) throw new Error('indexing writes only inside the caller\'s transaction');
  return (await tx.queryRunner.connect()) as PoolClient;
}

/**
 * Facet counts and the match count come from at most this many matches, the first in result order
 * (a broad search stays fast; `complete` tells the client when there were more).
 */
const FACET_SAMPLE = 1_000;
const FACET_VALUES = 20;
/** A lexeme in fewer than this share of records is rare: its matches are collected through the full-text index. */
const RARE_LEXEME = 0.002;
const LEXEME_STATS_TTL_MS = 5 * 60_000;
const LEXEME_CACHE_SIZE = 1_000;

/** The PostgreSQL engine: typed columns, GIN over terms and the Swedish full-text vector, trigram names. */
@Injectable()
export class PgRecordIndex extends RecordIndex {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly blocks: RecordBlockRepository,
  ) {
    super();
  }

  /**
   * Two round trips per batch: the rows as COPY text into the transaction's batch table (the server
   * reads them without a JSON parse: measured 25 µs less database CPU per record), then one
   * INSERT … SELECT that computes the full-text vector and empties the batch table. A batch is
   * serialised as soon as it is handed over, while the previous one runs, and sent when that one is
   * done (never more than one query waits on the connection). Re-indexing the same AIP replaces its
   * rows (idempotent per tenant, AIP and source record id: the id is derived from those three, so
   * the primary key is the conflict target and no second unique index is kept).
   */
  async writer(tx: EntityManager): Promise<IndexWriter> {
    const client = await transactionClient(tx);
    await client.query(CREATE_BATCH_SQL);
    let previous: Promise<unknown> = Promise.resolve();
    return {
      insert: (rows) => {
        if (rows.length === 0) return Promise.resolve(0);
        const text = rows.map(toCopyLine).join('');
        // After a failed batch nothing more is sent: the transaction is lost and that error is the one reported.
        const done = previous.then(async () => {
          await copyInto(client, text);
          await client.query(INSERT_SQL);
          return rows.length;
        });
        previous = done;
        return done;
      },
    };
  }

  async removeAip(tx: EntityManager, tenantId: string, aipId: string): Promise<number> {
    const [, count] = (await tx.query(`DELETE FROM record WHERE tenant_id = $1 AND aip_id = $2`, [tenantId, aipId])) as [unknown[], number];
    return count;
  }

  async search(plan: SearchPlan, strategy?: ReadStrategy): Promise<SearchPage> {
    const { sql, params } = pageSql(plan, strategy ?? (await this.strategy(plan)));
    return toPage(plan, (await this.ds.query(sql, params)) as RecordDbRow[]);
  }

  async firstPage(plan: SearchPlan): Promise<SearchPage & FacetPage> {
    const facets: FacetResult = {};
    const { sql, params } = firstPageSql(plan, FACET_SAMPLE, await this.strategy(plan));
    const rows = (await this.ds.query(sql, params)) as Array<{ facet: string; value: string | null; n: string | null; page: JsonRecordRow[] | null }>;
    let matched = 0;
    let page: SearchPage = { items: [], last: null };
    const byColumn = new Map<string, string>(plan.facets.flatMap((f) => ('column' in f.source ? [[f.source.column, f.field] as [string, string]] : [])));
    for (const r of rows) {
      if (r.facet === '#page') {
        // JSON carries the date as text; the rest as the row had it.
        page = toPage(plan, (r.page ?? []).map((j) => ({ ...j, record_date: new Date(j.record_date) })));
        continue;
      }
      if (r.facet === '#matched') {
        matched = Number(r.n);
        continue;
      }
      let field: string | undefined;
      let value = r.value ?? '';
      if (r.facet === 'terms') {
        const eq = value.indexOf('=');
        field = value.slice(0, eq);
        value = value.slice(eq + 1);
      } else field = byColumn.get(r.facet);
      if (!field || value === '') continue;
      (facets[field] ??= []).push({ value, count: Number(r.n) });
    }
    for (const f of plan.facets) facets[f.field] = (facets[f.field] ?? []).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, FACET_VALUES);
    return { ...page, facets, matched, complete: matched < FACET_SAMPLE };
  }

  /** The page and the facets of one search share its strategy (one look-up of its lexemes). */
  private readonly strategies = new WeakMap<SearchPlan, Promise<ReadStrategy>>();

  /**
   * Walking the result order is fast when matches are frequent and slow for rare words (most of
   * the period is read before 21 matches turn up); the planner cannot tell the two apart under
   * ORDER BY … LIMIT, so the column statistics decide: any rare lexeme → collect matches first.
   */
  private strategy(plan: SearchPlan): Promise<ReadStrategy> {
    let strategy = this.strategies.get(plan);
    if (!strategy) {
      strategy = this.chooseStrategy(plan);
      this.strategies.set(plan, strategy);
    }
    return strategy;
  }

  private async chooseStrategy(plan: SearchPlan): Promise<ReadStrategy> {
    const texts = plan.filters.flatMap((f) => (f.kind === 'fulltext' || f.kind === 'field-text' ? [f.query] : []));
    if (texts.length === 0) return 'ordered';
    const [frequencies, lexemes] = await Promise.all([this.lexemeFrequencies(), this.lexemesOf(texts.join(' '))]);
    // Without statistics (a table not analysed yet) nothing is known to be rare.
    if (frequencies.size === 0) return 'ordered';
    return lexemes.some((l) => (frequencies.get(l) ?? 0) < RARE_LEXEME) ? 'fenced' : 'ordered';
  }

  /** Recently searched texts' Swedish lexemes (the same text is often searched again, e.g. for the next page). */
  private readonly lexemeCache = new Map<string, string[]>();

  private async lexemesOf(text: string): Promise<string[]> {
    const cached = this.lexemeCache.get(text);
    if (cached) return cached;
    const rows = (await this.ds.query(`SELECT coalesce(array_agg(DISTINCT l), '{}') AS lexemes FROM unnest(tsvector_to_array(to_tsvector('swedish', $1))) AS l`, [text])) as Array<{ lexemes: string[] }>;
    // Insertion order makes the oldest entry the first to go.
    if (this.lexemeCache.size >= LEXEME_CACHE_SIZE) this.lexemeCache.delete(this.lexemeCache.keys().next().value!);
    this.lexemeCache.set(text, rows[0].lexemes);
    return rows[0].lexemes;
  }

  private lexemeStats?: { at: number; frequencies: Promise<Map<string, number>> };

  /** The most common lexemes of the full-text column and their shares of records (from ANALYZE, through a definer function). */
  private lexemeFrequencies(): Promise<Map<string, number>> {
    if (!this.lexemeStats || Date.now() - this.lexemeStats.at > LEXEME_STATS_TTL_MS) {
      const frequencies = (this.ds.query(`SELECT lexeme, frequency FROM record_common_lexemes()`) as Promise<Array<{ lexeme: string; frequency: number }>>).then(
        (rows) => new Map(rows.map((r) => [r.lexeme, r.frequency])),
      );
      this.lexemeStats = { at: Date.now(), frequencies };
    }
    return this.lexemeStats.frequencies;
  }

  async get(tenantId: string, id: string): Promise<(IndexedRecord & { body: string }) | null> {
    const rows = (await this.ds.query(`SELECT ${RECORD_COLUMNS}, body FROM ${READ_VIEW} WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as RecordDbRow[];
    return rows[0] ? { ...toRecord(rows[0]), body: rows[0].body ?? '' } : null;
  }

  async hidden(plan: SearchPlan): Promise<boolean> {
    if (!plan.blocks) return false;
    const { sql, params } = hiddenSql(plan);
    const rows = (await this.ds.query(sql, params)) as Array<{ hidden: boolean }>;
    return rows[0].hidden;
  }

  async blockScope(tenantId: string, viewerUnit: string | null): Promise<BlockScope | null> {
    const units = await this.blocks.blockedUnits(tenantId);
    return units.some((unit) => unit !== viewerUnit) ? { viewerUnit } : null;
  }

  async isBlocked(record: IndexedRecord, viewerUnit: string | null): Promise<boolean> {
    const rows = (await this.ds.query(`SELECT ${blockedSql('$1', '$2', 'r')} AS blocked FROM (SELECT $3::text AS unit, $4::text AS patient_id, $5::text AS patient_issuer) r`, [
      record.tenantId,
      viewerUnit,
      record.unit ?? '',
      record.patientId,
      record.patientIssuer,
    ])) as Array<{ blocked: boolean }>;
    return rows[0].blocked;
  }

  async getMany(tenantId: string, ids: string[]): Promise<Array<IndexedRecord & { body: string }>> {
    const result: Array<IndexedRecord & { body: string }> = [];
    // Chunked: a bounded parameter array per statement.
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = (await this.ds.query(`SELECT ${RECORD_COLUMNS}, body FROM record WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids.slice(i, i + 1000)])) as RecordDbRow[];
      result.push(...rows.map((r) => ({ ...toRecord(r), body: r.body ?? '' })));
    }
    return result;
  }

  async filePatients(tenantId: string, files: Array<{ aipId: string; path: string }>): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    for (let i = 0; i < files.length; i += 1000) {
      const chunk = files.slice(i, i + 1000);
      const rows = (await this.ds.query(
        `SELECT r.aip_id, f.path, array_agg(DISTINCT coalesce(r.patient_id, '')) AS patients
         FROM record r CROSS JOIN LATERAL unnest(array_prepend(r.source_file, r.attachments)) AS f(path)
         WHERE r.tenant_id = $1 AND r.aip_id = ANY($2::uuid[]) AND f.path = ANY($3::text[])
         GROUP BY r.aip_id, f.path`,
        [tenantId, [...new Set(chunk.map((f) => f.aipId))], [...new Set(chunk.map((f) => f.path))]],
      )) as Array<{ aip_id: string; path: string; patients: string[] }>;
      for (const r of rows) result.set(`${r.aip_id}\n${r.path}`, r.patients);
    }
    return result;
  }
}
