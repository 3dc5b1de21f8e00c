import type { SearchableType, SearchRequest } from '../../search/search.facade';

export type TypeField = SearchableType['fields'][number];

/**
 * One control of the search form, generated from the information type's field definition:
 * a text box for exact, prefix and free-text fields, a from–to pair for ranges.
 */
export type SearchControl =
  | { kind: 'text'; field: TypeField; name: string; prefix: boolean; identity: boolean }
  | { kind: 'range'; field: TypeField; from: string; to: string; input: 'date' | 'number' };

/** What was asked: kept to fill the form again and to carry into the next page's and the export's forms. */
export interface SearchFormState {
  /** Form control name → value (non-empty only). */
  values: Record<string, string>;
  /** Facet field → the values ticked. */
  facets: Record<string, string[]>;
  /** `field:direction`, one of the type's sort options. */
  sort: string | null;
  /** Results per page, one of PAGE_SIZES. */
  limit: number;
  cursor: string | null;
}

export const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 25;

const TEXT_MODES = new Set(['exact', 'prefix', 'fulltext']);
const MAX_VALUE = 500;
const MAX_FACET_VALUES = 100;
const MAX_CURSOR = 2048;

export const EMPTY_FORM: SearchFormState = { values: {}, facets: {}, sort: null, limit: DEFAULT_PAGE_SIZE, cursor: null };

export function searchControls(type: SearchableType): SearchControl[] {
  return type.fields.flatMap((field): SearchControl[] => {
    if (field.search.includes('range')) {
      return [{ kind: 'range', field, from: `c.${field.name}.from`, to: `c.${field.name}.to`, input: field.kind === 'number' || field.kind === 'amount' ? 'number' : 'date' }];
    }
    if (!field.search.some((m) => TEXT_MODES.has(m))) return [];
    return [{ kind: 'text', field, name: `c.${field.name}`, prefix: field.search.includes('prefix'), identity: field.kind === 'personal-identity-number' }];
  });
}

export function facetFields(type: SearchableType): TypeField[] {
  return type.fields.filter((f) => f.search.includes('facet'));
}

/** The patient field a timeline is built from (a personnummer field), when the type has one and a date. */
export function timelineField(type: SearchableType): TypeField | null {
  return type.dateField ? (type.fields.find((f) => f.kind === 'personal-identity-number') ?? null) : null;
}

export function sortOptions(type: SearchableType): Array<{ value: string; field: TypeField; direction: 'asc' | 'desc' }> {
  return type.fields.filter((f) => f.sortable).flatMap((field) => (['desc', 'asc'] as const).map((direction) => ({ value: `${field.name}:${direction}`, field, direction })));
}

/** Form posts send one value as a string and repeated ones as an array (or, past qs's array limit, an object). */
function strings(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' ? Object.values(raw) : [raw];
  return list.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '');
}

function single(raw: unknown, max: number): string | undefined {
  const value = typeof raw === 'string' ? raw.trim() : undefined;
  return value && value.length <= max ? value : undefined;
}

/** Reads the posted form: only the type's own controls, facets and sort options; everything else is ignored. */
export function readSearchForm(type: SearchableType, body: Record<string, unknown>): SearchFormState {
  const values: Record<string, string> = {};
  for (const control of searchControls(type)) {
    for (const name of control.kind === 'text' ? [control.name] : [control.from, control.to]) {
      const value = single(body[name], MAX_VALUE);
      if (value) values[name] = value;
    }
  }
  const facets: Record<string, string[]> = {};
  for (const field of facetFields(type)) {
    const picked = [...new Set(strings(body[`f.${field.name}`]).filter((v) => v.length <= MAX_VALUE))].slice(0, MAX_FACET_VALUES);
    if (picked.length > 0) facets[field.name] = picked;
  }
  const sort = single(body.sort, 200);
  const limit = Number(single(body.limit, 3));
  return {
    values,
    facets,
    sort: sort && sortOptions(type).some((o) => o.value === sort) ? sort : null,
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
    cursor: single(body.cursor, MAX_CURSOR) ?? null,
  };
}

/** Any criterion filled in (an empty form is not a search: it shows the form only). */
export function hasCriteria(state: SearchFormState): boolean {
  return Object.keys(state.values).length > 0 || Object.keys(state.facets).length > 0;
}

/**
 * The search API's request. Ticked facet values replace what was typed in the same field: they are
 * taken from the current results, so they always lie within the typed criterion.
 */
export function toSearchRequest(type: SearchableType, state: SearchFormState): SearchRequest {
  const criteria: Record<string, unknown> = {};
  for (const control of searchControls(type)) {
    if (control.kind === 'text') {
      const value = state.values[control.name];
      if (value) criteria[control.field.name] = value;
    } else {
      const from = state.values[control.from];
      const to = state.values[control.to];
      if (from || to) criteria[control.field.name] = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    }
  }
  for (const [field, values] of Object.entries(state.facets)) criteria[field] = values;
  const [field, direction] = state.sort ? state.sort.split(':') : [];
  return {
    criteria,
    limit: state.limit,
    ...(state.cursor ? { cursor: state.cursor } : {}),
    ...(field ? { sort: { field, direction: direction as 'asc' | 'desc' } } : {}),
  };
}

/** The state as hidden form fields (name, value), so another form can repeat the same search. */
export function hiddenFields(state: SearchFormState): Array<[string, string]> {
  return [
    ...Object.entries(state.values),
    ...Object.entries(state.facets).flatMap(([field, values]) => values.map((v): [string, string] => [`f.${field}`, v])),
    ...(state.sort ? [['sort', state.sort] as [string, string]] : []),
    ['limit', String(state.limit)],
  ];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Record ids ticked for export (result rows carry the records' uuids; anything else is not a record). */
export function pickedRecordIds(body: Record<string, unknown>): string[] {
  return [...new Set(strings(body.recordIds).filter((v) => UUID.test(v)))];
}
