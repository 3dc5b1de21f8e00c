import { isIsoDate, isIsoDateTime, parseSwedishPersonalId, patientIdSearchForm } from '@samarkiv/records';
import type { InformationTypeDefinition } from '../../tenancy/tenancy.facade';
import { TypeIndexLayout } from '../domain/index-row.builder';
import { exactTerm, prefixTerm } from '../domain/index-terms';
import { FacetSpec, Filter, IndexColumn, SortSpec } from '../domain/search-plan';
import { invalidCriteria, invalidSort, tooBroad } from '../search.errors';

/**
 * A criterion as the API takes it:
 * - a string: full text for text fields, an exact value otherwise (a trailing * makes it a prefix
 *   where the field allows prefix search); `patientId` accepts every usual written form;
 * - an array of strings: any of these exact values;
 * - `{ "from": …, "to": … }`: a range (dates and amounts);
 * - `{ "exact": … }` or `{ "prefix": … }` to choose the mode explicitly.
 */
export type CriterionValue = string | string[] | { from?: string | number; to?: string | number } | { exact: string } | { prefix: string };

export interface ParsedCriteria {
  filters: Filter[];
  /** Criterion names that bound the search (ranges only when closed). */
  bounded: Set<string>;
  /** The searched patient (normalised) when one was named: for the access log. */
  patientId: string | null;
}

const MAX_ANY_OF = 100;
const MAX_TEXT = 500;

/** Checks criteria against the type definition and turns them into engine filters. */
export function parseCriteria(type: InformationTypeDefinition, criteria: Record<string, unknown>): ParsedCriteria {
  const layout = new TypeIndexLayout(type);
  const filters: Filter[] = [];
  const bounded = new Set<string>();
  const termsAll: string[] = [];
  let patientId: string | null = null;
  for (const [name, raw] of Object.entries(criteria)) {
    if (raw === null || raw === undefined || raw === '') continue;
    if (name === 'patientIssuer') continue;
    const field = layout.field(name);
    if (!field) throw invalidCriteria(name, `not a field of ${type.id}`);
    const modes = new Set(field.search);
    if (modes.size === 0) throw invalidCriteria(name, 'the field is not searchable');
    const column = layout.columnOf.get(name);
    if (name === layout.patientField) {
      if (typeof raw !== 'string' || raw.trim().length === 0 || raw.length > 64) throw invalidCriteria(name, 'must be a patient id');
      const id = patientIdSearchForm(raw);
      const issuer = typeof criteria.patientIssuer === 'string' && criteria.patientIssuer.trim() ? criteria.patientIssuer.trim() : undefined;
      filters.push({ kind: 'patient', id, issuer });
      patientId = parseSwedishPersonalId(raw) ? id : null;
      bounded.add(name);
      continue;
    }
    if (typeof raw === 'object' && !Array.isArray(raw) && raw !== null && ('from' in raw || 'to' in raw)) {
      if (!modes.has('range')) throw invalidCriteria(name, 'the field does not take a range');
      const r = raw as { from?: unknown; to?: unknown };
      const from = rangeEnd(field.kind, r.from, name);
      const to = rangeEnd(field.kind, r.to, name, true);
      const cast = field.kind === 'number' || field.kind === 'amount' ? 'numeric' : 'timestamptz';
      if (column === 'record_date' || column === 'num') filters.push({ kind: 'column-range', column, from, to });
      else filters.push({ kind: 'field-range', field: name, cast, from, to });
      if (from !== undefined && to !== undefined) bounded.add(name);
      continue;
    }
    if (Array.isArray(raw)) {
      if (!modes.has('exact') && !modes.has('facet')) throw invalidCriteria(name, 'the field does not take exact values');
      const values = raw.map((v) => (typeof v === 'string' ? v.trim() : '')).filter((v) => v !== '');
      if (values.length === 0 || values.length > MAX_ANY_OF || values.length !== raw.length) throw invalidCriteria(name, `must be 1-${MAX_ANY_OF} non-empty strings`);
      if (column) filters.push({ kind: 'column-in', column, values });
      else filters.push({ kind: 'terms-any', terms: values.map((v) => exactTerm(name, v)) });
      bounded.add(name);
      continue;
    }
    const { mode, value } = modeOf(name, raw, field.kind, modes);
    if (name === 'text' && mode === 'fulltext') {
      // The type's free-text field is the record's whole text (body and short fields).
      filters.push({ kind: 'fulltext', query: value });
      bounded.add(name);
      continue;
    }
    if (mode === 'fulltext') filters.push(layout.nameFields.includes(name) ? { kind: 'name', field: name, value } : { kind: 'field-text', field: name, query: value });
    else if (mode === 'prefix') {
      if (column) filters.push({ kind: 'column-prefix', column, prefix: value });
      else if (field.kind === 'text') filters.push({ kind: 'name', field: name, value });
      else termsAll.push(prefixTerm(name, value));
    } else if (column) filters.push({ kind: 'column-in', column, values: [value] });
    else termsAll.push(exactTerm(name, value));
    bounded.add(name);
  }
  if (termsAll.length) filters.push({ kind: 'terms-all', terms: termsAll });
  return { filters, bounded, patientId };
}

/** The free-text criterion over the whole record is the `text` field when the type has one. */
function modeOf(name: string, raw: unknown, kind: string, modes: Set<string>): { mode: 'exact' | 'prefix' | 'fulltext'; value: string } {
  let value: string;
  let mode: 'exact' | 'prefix' | 'fulltext';
  if (typeof raw === 'string') {
    value = raw.trim();
    if (value.endsWith('*') && modes.has('prefix')) {
      mode = 'prefix';
      value = value.slice(0, -1).trim();
    } else mode = modes.has('fulltext') && kind === 'text' ? 'fulltext' : modes.has('exact') || modes.has('facet') ? 'exact' : modes.has('prefix') ? 'prefix' : 'fulltext';
  } else if (raw && typeof raw === 'object' && 'exact' in raw && typeof (raw as { exact: unknown }).exact === 'string') {
    value = (raw as { exact: string }).exact.trim();
    mode = 'exact';
    if (!modes.has('exact') && !modes.has('facet')) throw invalidCriteria(name, 'the field does not take exact values');
  } else if (raw && typeof raw === 'object' && 'prefix' in raw && typeof (raw as { prefix: unknown }).prefix === 'string') {
    value = (raw as { prefix: string }).prefix.trim();
    mode = 'prefix';
    if (!modes.has('prefix')) throw invalidCriteria(name, 'the field does not take a prefix');
  } else throw invalidCriteria(name, 'must be a string, an array of strings, a range {from, to}, {exact} or {prefix}');
  if (value === '' || value.length > MAX_TEXT) throw invalidCriteria(name, `must be 1-${MAX_TEXT} characters`);
  if (mode === 'fulltext' && !modes.has('fulltext')) throw invalidCriteria(name, 'the field does not take free text');
  return { mode, value };
}

function rangeEnd(kind: string, v: unknown, name: string, upper = false): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (kind === 'number' || kind === 'amount') {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return v;
    throw invalidCriteria(name, 'range ends must be numbers');
  }
  if (typeof v !== 'string' || !(isIsoDate(v) || isIsoDateTime(v))) throw invalidCriteria(name, 'range ends must be ISO 8601 dates or date-times');
  // A date as upper bound includes the whole day.
  return upper && isIsoDate(v) ? `${v}T23:59:59.999Z` : v;
}

/** A search is bounded when one of the type's required criterion sets is filled. */
export function checkBounded(type: InformationTypeDefinition, bounded: Set<string>): void {
  if (!type.searchRequires.some((set) => set.every((n) => bounded.has(n)))) throw tooBroad(type.searchRequires);
}

export function sortSpec(type: InformationTypeDefinition, sort: { field?: string; direction?: 'asc' | 'desc' } | undefined): SortSpec {
  const layout = new TypeIndexLayout(type);
  const field = sort?.field ?? type.index.date;
  const direction = sort?.direction ?? 'desc';
  if (!field) return { field: 'id', column: 'record_date', direction };
  const column = layout.columnOf.get(field);
  const def = layout.field(field);
  if (!column || !def?.sortable) throw invalidSort(field);
  return { field, column: column as IndexColumn, direction };
}

export function facetSpecs(type: InformationTypeDefinition): FacetSpec[] {
  const layout = new TypeIndexLayout(type);
  return type.fields
    .filter((f) => f.search.includes('facet'))
    .map((f) => {
      const column = layout.columnOf.get(f.name);
      return { field: f.name, source: column ? { column } : { terms: f.name } };
    });
}
