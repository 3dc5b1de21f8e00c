import type { EntityManager } from 'typeorm';
import { IndexedRecord, IndexRow } from './indexed-record';
import { BlockScope, FacetResult, SearchPlan } from './search-plan';

export interface SearchPage {
  items: IndexedRecord[];
  /** The sort value and id of the last item, when more may follow. */
  last: { value: string; id: string } | null;
}

export interface FacetPage {
  facets: FacetResult;
  /** How many records matched, counted up to the facet sample size. */
  matched: number;
  complete: boolean;
}

export interface IndexWriter {
  /** Writes rows; the next call may come before this one's promise settles (its work queues behind). */
  insert(rows: IndexRow[]): Promise<number>;
}

/**
 * Port of the search engine (PostgreSQL now; a distributed engine could implement it later).
 * Every method takes the tenant explicitly and filters by it.
 */
export abstract class RecordIndex {
  /** A writer of index rows in the caller's transaction (one per AIP). */
  abstract writer(tx: EntityManager): Promise<IndexWriter>;
  abstract removeAip(tx: EntityManager, tenantId: string, aipId: string): Promise<number>;
  abstract search(plan: SearchPlan): Promise<SearchPage>;
  /** The first page with the facet counts over the first matches (a sample; `complete` when it held them all). */
  abstract firstPage(plan: SearchPlan): Promise<SearchPage & FacetPage>;
  /** Whether the plan's criteria match records its spärr hides from the viewer (false without blocks). */
  abstract hidden(plan: SearchPlan): Promise<boolean>;
  abstract get(tenantId: string, id: string): Promise<(IndexedRecord & { body: string }) | null>;
  /** The spärr that applies to a viewer in the tenant, or null when no block can hide anything from them. */
  abstract blockScope(tenantId: string, viewerUnit: string | null): Promise<BlockScope | null>;
  /** Whether a block hides this record from a viewer acting in `viewerUnit`. */
  abstract isBlocked(record: IndexedRecord, viewerUnit: string | null): Promise<boolean>;
  /** The records of these ids that exist in the tenant, with their bodies (any order; callers bound the list). */
  abstract getMany(tenantId: string, ids: string[]): Promise<Array<IndexedRecord & { body: string }>>;
  /**
   * For files of AIPs (as source file or attachment): the distinct patients of the records drawn
   * from each, '' for records without a patient. Keyed `${aipId}\n${path}`.
   */
  abstract filePatients(tenantId: string, files: Array<{ aipId: string; path: string }>): Promise<Map<string, string[]>>;
}
