/**
 * A search as the index engine sees it: tenant, type and tiers from the request context, filters
 * already checked against the information type. Engine-neutral (the port's input).
 */
export type IndexColumn = 'record_date' | 'unit' | 'key1' | 'key2' | 'key3' | 'num';

export type Filter =
  | { kind: 'patient'; id: string; issuer?: string }
  | { kind: 'column-in'; column: IndexColumn; values: string[] }
  | { kind: 'column-prefix'; column: IndexColumn; prefix: string }
  | { kind: 'column-range'; column: 'record_date' | 'num'; from?: string; to?: string }
  /** Every term must be present (exact values and prefixes of non-column fields). */
  | { kind: 'terms-all'; terms: string[] }
  /** At least one of the terms (an "any of" exact criterion). */
  | { kind: 'terms-any'; terms: string[] }
  | { kind: 'field-range'; field: string; cast: 'timestamptz' | 'numeric'; from?: string; to?: string }
  /** Full text within one field (rechecked after the full-text index narrows). */
  | { kind: 'field-text'; field: string; query: string }
  /** Substring of a person name (trigram index), rechecked on the field. */
  | { kind: 'name'; field: string; value: string }
  | { kind: 'fulltext'; query: string };

export interface SortSpec {
  field: string;
  column: IndexColumn;
  direction: 'asc' | 'desc';
}

export interface Cursor {
  value: string;
  id: string;
}

export interface FacetSpec {
  field: string;
  /** A typed column, or the terms array with "field=" entries. */
  source: { column: IndexColumn } | { terms: string };
}

/**
 * Spärr as the engine applies it: records at a blocked care unit (for one patient or the whole
 * unit) are left out unless the viewer acts in that unit. Null when no block of the tenant can
 * apply to the viewer (the common case: no extra work).
 */
export interface BlockScope {
  /** The care unit the viewer acts in (as records carry it), if any. */
  viewerUnit: string | null;
}

export interface SearchPlan {
  tenantId: string;
  informationTypeId: string;
  tiers: string[];
  filters: Filter[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
  facets: FacetSpec[];
  blocks: BlockScope | null;
}

export interface FacetResult {
  [field: string]: Array<{ value: string; count: number }>;
}
