import type { EntityManager } from 'typeorm';
import { IndexedRecord, IndexRow } from './indexed-record';
import { FacetResult, SearchPlan } from './search-plan';

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

/**
 * Port of the search engine (PostgreSQL now; a distributed engine could implement it later).
 * Every method takes the tenant explicitly and filters by it.
 */
export abstract class RecordIndex {
  abstract insert(tx: EntityManager, rows: IndexRow[]): Promise<number>;
  abstract removeAip(tx: EntityManager, tenantId: string, aipId: string): Promise<number>;
  abstract search(plan: SearchPlan): Promise<SearchPage>;
  abstract facets(plan: SearchPlan): Promise<FacetPage>;
  abstract get(tenantId: string, id: string): Promise<(IndexedRecord & { body: string }) | null>;
  /** The records of these ids that exist in the tenant, with their bodies (any order; callers bound the list). */
  abstract getMany(tenantId: string, ids: string[]): Promise<Array<IndexedRecord & { body: string }>>;
  /**
   * For files of AIPs (as source file or attachment): the distinct patients of the records drawn
   * from each, '' for records without a patient. Keyed `${aipId}\n${path}`.
   */
  abstract filePatients(tenantId: string, files: Array<{ aipId: string; path: string }>): Promise<Map<string, string[]>>;
  /** All of one patient's records of one type (bounded), date order. */
  abstract timeline(tenantId: string, informationTypeId: string, tiers: string[], patientId: string, period: { from?: string; to?: string }, max: number): Promise<IndexedRecord[]>;
}
