import { normalisePatientId } from './patient-id';

describe('normalisePatientId', () => {
  const today = new Date('2026-11-25T00:00:00Z');

  it('keeps twelve digits and drops the dash', () => {
    expect(normalisePatientId('19121212-1212', today)).toBe('191212121212');
    expect(normalisePatientId(' 191212121212 ', today)).toBe('191212121212');
  });

  it('adds the century to ten digits; "+" means a hundred years or older', () => {
    expect(normalisePatientId('121212-1212', today)).toBe('201212121212');
    expect(normalisePatientId('501212-1212', today)).toBe('195012121212');
    expect(normalisePatientId('121212+1212', today)).toBe('191212121212');
  });

  it('accepts samordningsnummer (day + 60) and refuses what is not a number of either kind', () => {
    expect(normalisePatientId('19701272-1234', today)).toBe('197012721234');
    expect(normalisePatientId('19701372-1234', today)).toBeNull();
    expect(normalisePatientId('abc', today)).toBeNull();
  });
});
