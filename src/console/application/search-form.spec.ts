import type { SearchableType } from '../../search/search.facade';
import { facetFields, hiddenFields, pickedRecordIds, readSearchForm, searchControls, sortOptions, timelineField, toSearchRequest } from './search-form';

const labels = (sv: string) => ({ sv, en: sv });
const field = (name: string, kind: string, search: string[], extra: Partial<{ sortable: boolean; shown: boolean; multiple: boolean }> = {}) =>
  ({ name, kind, labels: labels(name), search, sortable: false, shown: true, multiple: false, ...extra }) as SearchableType['fields'][number];

const TYPE: SearchableType = {
  id: 'patient-record',
  labels: labels('Vårdinformation'),
  description: labels('Journal'),
  patientData: true,
  tiers: ['intermediate'],
  fields: [
    field('patientId', 'personal-identity-number', ['exact']),
    field('patientName', 'text', ['fulltext', 'prefix']),
    field('date', 'datetime', ['range'], { sortable: true }),
    field('careUnit', 'keyword', ['exact', 'facet']),
    field('onlyFacet', 'keyword', ['facet']),
    field('amount', 'amount', ['range']),
    field('notSearched', 'text', []),
  ],
  resultColumns: ['patientId', 'date', 'careUnit'],
  searchRequires: [['patientId'], ['careUnit', 'date']],
  dateField: 'date',
  unitField: 'careUnit',
  layout: { sections: [] },
  attachments: true,
};

describe('console search form', () => {
  it('generates one control per searchable field, by kind and search mode', () => {
    expect(searchControls(TYPE).map((c) => [c.field.name, c.kind, c.kind === 'text' ? c.prefix : c.input])).toEqual([
      ['patientId', 'text', false],
      ['patientName', 'text', true],
      ['date', 'range', 'date'],
      ['careUnit', 'text', false],
      ['amount', 'range', 'number'],
    ]);
    expect(facetFields(TYPE).map((f) => f.name)).toEqual(['careUnit', 'onlyFacet']);
    expect(sortOptions(TYPE).map((o) => o.value)).toEqual(['date:desc', 'date:asc']);
    expect(timelineField(TYPE)?.name).toBe('patientId');
    expect(timelineField({ ...TYPE, dateField: null })).toBeNull();
  });

  it("reads only the type's own controls, ticked facets and a known sort", () => {
    const state = readSearchForm(TYPE, {
      _csrf: 'x',
      'c.patientId': ' 19121212-1212 ',
      'c.patientName': '',
      'c.date.from': '2015-01-01',
      'c.notSearched': 'ignored',
      'c.unknown': 'ignored',
      'f.careUnit': ['Vårdcentralen Mitt', 'Vårdcentralen Mitt', 'Akuten'],
      'f.onlyFacet': 'A',
      'f.patientId': 'not a facet',
      sort: 'patientId:asc',
      limit: '7',
      cursor: 'abc',
    });
    expect(state).toEqual({
      values: { 'c.patientId': '19121212-1212', 'c.date.from': '2015-01-01' },
      facets: { careUnit: ['Vårdcentralen Mitt', 'Akuten'], onlyFacet: ['A'] },
      sort: null,
      limit: 25,
      cursor: 'abc',
    });
    // qs turns many repeated keys into an object: still read as the list of values.
    expect(readSearchForm(TYPE, { 'f.careUnit': { 0: 'A', 1: 'B' } }).facets).toEqual({ careUnit: ['A', 'B'] });
  });

  it('builds the search request: ranges, ticked facets in place of typed values, sort and cursor', () => {
    const state = readSearchForm(TYPE, { 'c.patientId': '191212121212', 'c.careUnit': 'Akut*', 'f.careUnit': 'Akuten', 'c.date.to': '2020-12-31', 'c.amount.from': '10.5', sort: 'date:asc', limit: '10', cursor: 'next' });
    expect(toSearchRequest(TYPE, state)).toEqual({
      criteria: { patientId: '191212121212', careUnit: ['Akuten'], date: { to: '2020-12-31' }, amount: { from: '10.5' } },
      limit: 10,
      cursor: 'next',
      sort: { field: 'date', direction: 'asc' },
    });
    expect(toSearchRequest(TYPE, readSearchForm(TYPE, { 'c.patientName': 'Ann*' }))).toEqual({ criteria: { patientName: 'Ann*' }, limit: 25 });
  });

  it('repeats a search in another form through hidden fields (never the cursor of the page shown)', () => {
    const state = readSearchForm(TYPE, { 'c.patientId': '191212121212', 'f.careUnit': ['A', 'B'], sort: 'date:desc', cursor: 'c1' });
    const fields = hiddenFields(state);
    expect(fields).toEqual([
      ['c.patientId', '191212121212'],
      ['f.careUnit', 'A'],
      ['f.careUnit', 'B'],
      ['sort', 'date:desc'],
      ['limit', '25'],
    ]);
    const again: Record<string, string | string[]> = {};
    for (const [k, v] of fields) again[k] = k in again ? [...([] as string[]).concat(again[k]), v] : v;
    expect(readSearchForm(TYPE, again)).toEqual({ ...state, cursor: null });
  });

  it('takes ticked record ids for export: uuids only, once each', () => {
    const id = '0bda0a59-3791-5ae5-a31c-25c53735c85c';
    expect(pickedRecordIds({ recordIds: [id, id, 'x', "1' OR 1=1"] })).toEqual([id]);
    expect(pickedRecordIds({ recordIds: id })).toEqual([id]);
    expect(pickedRecordIds({})).toEqual([]);
  });
});
