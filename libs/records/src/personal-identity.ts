/** HL7/Inera OIDs for Swedish personal identity numbers (used as `root` in CDA and `system` in FHIR). */
export const PERSONNUMMER_OID = '1.2.752.129.2.1.3.1';
export const SAMORDNINGSNUMMER_OID = '1.2.752.129.2.1.3.3';
const SWEDISH_ID_OIDS = new Set([PERSONNUMMER_OID, SAMORDNINGSNUMMER_OID]);

export type SwedishIdKind = 'personnummer' | 'samordningsnummer';

export interface SwedishPersonalId {
  /** Twelve digits, YYYYMMDDNNNN (samordningsnummer keep their day + 60). */
  id: string;
  kind: SwedishIdKind;
}

/** Strips the `urn:oid:` prefix FHIR uses for identifier systems. */
export function issuerOid(system: string | null | undefined): string | null {
  if (!system) return null;
  const s = system.trim();
  return s.startsWith('urn:oid:') ? s.slice('urn:oid:'.length) : s;
}

export function isSwedishIdIssuer(issuer: string | null): boolean {
  return issuer !== null && SWEDISH_ID_OIDS.has(issuer);
}

/**
 * Parses the usual written forms (YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN),
 * checks the calendar date and the Luhn check digit. Null when it is not a valid number; callers
 * must never echo the input (it is personal data).
 */
export function parseSwedishPersonalId(raw: string, today: Date = new Date()): SwedishPersonalId | null {
  const s = raw.trim();
  let twelve: string;
  let m = /^(\d{8})-?(\d{4})$/.exec(s);
  if (m) {
    twelve = m[1] + m[2];
  } else {
    m = /^(\d{6})([-+]?)(\d{4})$/.exec(s);
    if (!m) return null;
    const yy = Number(m[1].slice(0, 2));
    const thisYear = today.getUTCFullYear();
    // Ten digits: the latest century not in the future; '+' marks people 100 years or older.
    let year = Math.floor(thisYear / 100) * 100 + yy;
    if (year > thisYear) year -= 100;
    if (m[2] === '+') year -= 100;
    twelve = String(year) + m[1].slice(2) + m[3];
  }
  const year = Number(twelve.slice(0, 4));
  const month = Number(twelve.slice(4, 6));
  const rawDay = Number(twelve.slice(6, 8));
  const kind: SwedishIdKind = rawDay > 60 ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? rawDay - 60 : rawDay;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (!luhnValid(twelve.slice(2))) return null;
  return { id: twelve, kind };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The Luhn (mod 10) check over the ten digits YYMMDDNNNC. */
export function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export interface NormalisedPatient {
  patient: { id: string; issuer: string | null };
  /** Set when the issuer says Swedish personal identity number but the value is not a valid one. */
  invalid: boolean;
}

/**
 * A patient identifier as the record should carry it. Swedish personnummer and samordningsnummer
 * (by issuer OID, or without issuer when the value is one) become 12 digits with their OID; other
 * identifiers (reservnummer, local or foreign ids) are kept as given with their issuer.
 */
export function normalisePatientIdentifier(value: string, issuer: string | null, today: Date = new Date()): NormalisedPatient {
  const given = value.trim();
  const oid = issuerOid(issuer);
  if (oid === null || isSwedishIdIssuer(oid)) {
    const parsed = parseSwedishPersonalId(given, today);
    if (parsed) return { patient: { id: parsed.id, issuer: parsed.kind === 'personnummer' ? PERSONNUMMER_OID : SAMORDNINGSNUMMER_OID }, invalid: false };
    return { patient: { id: given, issuer: oid }, invalid: oid !== null };
  }
  return { patient: { id: given, issuer: oid }, invalid: false };
}

/** The stored form to look up for a searched patient id: 12 digits when it is a Swedish number, else as given. */
export function patientIdSearchForm(raw: string, today: Date = new Date()): string {
  return parseSwedishPersonalId(raw, today)?.id ?? raw.trim();
}
