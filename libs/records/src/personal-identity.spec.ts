import { luhnValid, normalisePatientIdentifier, parseSwedishPersonalId, patientIdSearchForm, PERSONNUMMER_OID, SAMORDNINGSNUMMER_OID } from './personal-identity';

const today = new Date('2026-11-25T12:00:00Z');

describe('Swedish personal identity numbers', () => {
  it.each([
    ['191212121212', '191212121212'],
    ['19121212-1212', '191212121212'],
    ['121212-1212', '201212121212'],
    ['121212+1212', '191212121212'],
    ['1212121212', '201212121212'],
    [' 19121212-1212 ', '191212121212'],
  ])('%s normalises to %s', (raw, twelve) => {
    expect(parseSwedishPersonalId(raw, today)).toEqual({ id: twelve, kind: 'personnummer' });
  });

  it('recognises a samordningsnummer (day + 60) and checks its date', () => {
    expect(parseSwedishPersonalId('197010632391', today)).toEqual({ id: '197010632391', kind: 'samordningsnummer' });
    expect(parseSwedishPersonalId('19701093-2391', today)).toBeNull();
  });

  it.each(['191212121213', '19121312-1212', '19120230-1212', '12121212', 'abc', '19121212_1212', ''])('refuses %p', (raw) => {
    expect(parseSwedishPersonalId(raw, today)).toBeNull();
  });

  it('the Luhn check is the one Skatteverket uses', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189875')).toBe(false);
  });

  it('keeps the issuer; Swedish numbers get their OID, others are kept as given', () => {
    expect(normalisePatientIdentifier('19121212-1212', PERSONNUMMER_OID, today)).toEqual({ patient: { id: '191212121212', issuer: PERSONNUMMER_OID }, invalid: false });
    expect(normalisePatientIdentifier('191212121212', null, today)).toEqual({ patient: { id: '191212121212', issuer: PERSONNUMMER_OID }, invalid: false });
    expect(normalisePatientIdentifier('197010632391', 'urn:oid:1.2.752.129.2.1.3.3', today)).toEqual({ patient: { id: '197010632391', issuer: SAMORDNINGSNUMMER_OID }, invalid: false });
    expect(normalisePatientIdentifier('191212121213', PERSONNUMMER_OID, today)).toEqual({ patient: { id: '191212121213', issuer: PERSONNUMMER_OID }, invalid: true });
    expect(normalisePatientIdentifier(' 998877 ', '2.16.840.1.113883.3.3619.2', today)).toEqual({ patient: { id: '998877', issuer: '2.16.840.1.113883.3.3619.2' }, invalid: false });
    expect(normalisePatientIdentifier('RES-0042', null, today)).toEqual({ patient: { id: 'RES-0042', issuer: null }, invalid: false });
  });

  it('a searched patient id in any written form finds the stored form', () => {
    expect(patientIdSearchForm('121212-1212', today)).toBe('201212121212');
    expect(patientIdSearchForm('19121212-1212', today)).toBe('191212121212');
    expect(patientIdSearchForm(' 55 ', today)).toBe('55');
  });
});
