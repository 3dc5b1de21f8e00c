import { join } from 'node:path';
import { loadInformationTypes } from '../../src/tenancy/infrastructure/information-type.loader';
import { checkBounded, facetSpecs, parseCriteria, sortSpec } from '../../src/search/application/criteria.parser';

const types = loadInformationTypes(join(__dirname, '../../config/information-types'));
const pr = types.find((t) => t.id === 'patient-record')!;
const finance = types.find((t) => t.id === 'finance')!;

describe('search criteria typed by the information type', () => {
  it('normalises the patient id and marks the search bounded', () => {
    const p = parseCriteria(pr, { patientId: '121212-1212' });
    expect(p.filters).toEqual([{ kind: 'patient', id: '201212121212', issuer: undefined }]);
    expect(p.patientId).toBe('201212121212');
    expect(() => checkBounded(pr, p.bounded)).not.toThrow();
  });

  it('keeps a non-Swedish patient id as given (exact), without treating it as a personnummer', () => {
    const p = parseCriteria(pr, { patientId: '55', patientIssuer: '2.16.840.1.113883.3.3619.2' });
    expect(p.filters).toEqual([{ kind: 'patient', id: '55', issuer: '2.16.840.1.113883.3.3619.2' }]);
    expect(p.patientId).toBeNull();
  });

  it('maps each field to its index column, terms or full text', () => {
    const p = parseCriteria(pr, {
      careUnit: 'VC Ekeby',
      documentType: ['epikris', 'remiss'],
      date: { from: '2015-01-01', to: '2015-12-31' },
      diagnosisCodes: 'I1*',
      sourceSystem: 'Cosmic',
      title: 'epikris',
      patientName: 'Tolv',
      text: 'bröstsmärta',
      signedAt: { from: '2015-02-01' },
    });
    expect(p.filters).toEqual([
      { kind: 'column-in', column: 'unit', values: ['VC Ekeby'] },
      { kind: 'column-in', column: 'key1', values: ['epikris', 'remiss'] },
      { kind: 'column-range', column: 'record_date', from: '2015-01-01', to: '2015-12-31T23:59:59.999Z' },
      { kind: 'field-text', field: 'title', query: 'epikris' },
      { kind: 'name', field: 'patientName', value: 'Tolv' },
      { kind: 'fulltext', query: 'bröstsmärta' },
      { kind: 'field-range', field: 'signedAt', cast: 'timestamptz', from: '2015-02-01', to: undefined },
      { kind: 'terms-all', terms: ['diagnosisCodes^i1', 'sourceSystem=Cosmic'] },
    ]);
    // An open range does not bound a search.
    expect(p.bounded.has('signedAt')).toBe(false);
  });

  it('refuses what the type does not allow, naming the field but not the value', () => {
    expect(() => parseCriteria(pr, { nope: 'x' })).toThrow('Criterion "nope": not a field of patient-record');
    expect(() => parseCriteria(pr, { title: { from: '2015-01-01' } })).toThrow('Criterion "title": the field does not take a range');
    expect(() => parseCriteria(pr, { careUnit: { prefix: 'VC' } })).toThrow('Criterion "careUnit": the field does not take a prefix');
    expect(() => parseCriteria(finance, { amount: { from: 'many' } })).toThrow('Criterion "amount": range ends must be numbers');
    expect(() => parseCriteria(pr, { patientId: '19121212-1212', date: { from: '2015-13-45', to: '2016-01-01' } })).toThrow(/ISO 8601/);
  });

  it('checks the bounded sets of the type', () => {
    expect(() => checkBounded(pr, parseCriteria(pr, { text: 'x' }).bounded)).toThrow(/too broad/);
    expect(() => checkBounded(pr, parseCriteria(pr, { careUnit: 'A', date: { from: '2015-01-01', to: '2015-02-01' } }).bounded)).not.toThrow();
    expect(() => checkBounded(finance, parseCriteria(finance, { amount: { from: 1, to: 2 } }).bounded)).toThrow(/voucherNumber; invoiceNumber/);
  });

  it('sorts only by indexed sortable fields; facets come from columns or terms', () => {
    expect(sortSpec(finance, { field: 'amount', direction: 'asc' })).toEqual({ field: 'amount', column: 'num', direction: 'asc' });
    expect(sortSpec(pr, undefined)).toEqual({ field: 'date', column: 'record_date', direction: 'desc' });
    expect(() => sortSpec(pr, { field: 'careUnit' })).toThrow('Cannot sort by "careUnit"');
    expect(facetSpecs(pr)).toEqual([
      { field: 'careProvider', source: { column: 'key2' } },
      { field: 'careUnit', source: { column: 'unit' } },
      { field: 'documentType', source: { column: 'key1' } },
      { field: 'diagnosisCodes', source: { terms: 'diagnosisCodes' } },
      { field: 'sourceSystem', source: { terms: 'sourceSystem' } },
    ]);
  });
});
