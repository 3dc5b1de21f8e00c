import { Prng } from './prng';

/** OIDs under which Swedish identities are issued (used as identifier roots in C-CDA and FHIR). */
export const PERSONNUMMER_OID = '1.2.752.129.2.1.3.1';
export const SAMORDNINGSNUMMER_OID = '1.2.752.129.2.1.3.3';
export const HSA_ID_OID = '1.2.752.29.4.19';

/** Luhn check digit over the ten-digit form's first nine digits (YYMMDDNNN). */
export function luhnDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export interface SwedishIdentity {
  /** 12 digits, no separator: YYYYMMDDNNNC. */
  id: string;
  kind: 'personnummer' | 'samordningsnummer';
  oid: string;
  birthDate: string;
  sex: 'female' | 'male';
}

/**
 * A valid personnummer (or, with `coordination`, a samordningsnummer: day + 60) for a birth date.
 * The third birth-number digit is odd for men and even for women.
 */
export function swedishIdentity(rng: Prng, birthDate: Date, sex: 'female' | 'male', coordination = false): SwedishIdentity {
  const yyyy = String(birthDate.getUTCFullYear());
  const mm = String(birthDate.getUTCMonth() + 1).padStart(2, '0');
  const day = birthDate.getUTCDate() + (coordination ? 60 : 0);
  const dd = String(day).padStart(2, '0');
  const serial = String(rng.int(0, 99)).padStart(2, '0');
  const sexDigit = sex === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
  const nine = `${yyyy.slice(2)}${mm}${dd}${serial}${sexDigit}`;
  return {
    id: `${yyyy}${mm}${dd}${serial}${sexDigit}${luhnDigit(nine)}`,
    kind: coordination ? 'samordningsnummer' : 'personnummer',
    oid: coordination ? SAMORDNINGSNUMMER_OID : PERSONNUMMER_OID,
    birthDate: `${yyyy}-${mm}-${String(birthDate.getUTCDate()).padStart(2, '0')}`,
    sex,
  };
}

/** A valid organisationsnummer (NNNNNN-NNNC; third digit ≥ 2 so it is never a personnummer). */
export function organisationNumber(rng: Prng, groupDigit = 5): string {
  const nine = `${groupDigit}${rng.int(0, 9)}${rng.int(2, 9)}${String(rng.int(0, 999999)).padStart(6, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnDigit(nine)}`;
}
