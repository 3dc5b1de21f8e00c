import { isSwedishIdIssuer, issuerOid } from '@samarkiv/records';

/**
 * Personnummer and samordningsnummer normalised to 12 digits (YYYYMMDDNNNN), so that the per-patient
 * extract finds every access however the caller wrote the number. Returns null when the text is not
 * such a number; callers must not echo the input in errors (it is personal data).
 */
export function normalisePatientId(raw: string, today: Date = new Date()): string | null {
  const s = raw.trim();
  let m = /^(\d{8})-?(\d{4})$/.exec(s);
  if (m) return valid(m[1] + m[2]);
  m = /^(\d{6})([-+]?)(\d{4})$/.exec(s);
  if (!m) return null;
  const yy = Number(m[1].slice(0, 2));
  const thisYear = today.getUTCFullYear();
  // Ten digits: the latest century that is not in the future; '+' marks people 100 or older.
  let year = Math.floor(thisYear / 100) * 100 + yy;
  if (year > thisYear) year -= 100;
  if (m[2] === '+') year -= 100;
  return valid(String(year) + m[1].slice(2) + m[3]);
}

function valid(twelve: string): string | null {
  const month = Number(twelve.slice(4, 6));
  const day = Number(twelve.slice(6, 8));
  // Samordningsnummer add 60 to the day.
  const realDay = day > 60 ? day - 60 : day;
  if (month < 1 || month > 12 || realDay < 1 || realDay > 31) return null;
  return twelve;
}

/**
 * The patient as the log keys it: a Swedish number in 12 digits; any other id (foreign, local,
 * reservnummer) as "<issuer>|<id>" (FHIR's token form), so the per-patient extract finds it by
 * id and issuer. Null when it is neither (the caller refuses; the value is never echoed).
 */
export function auditPatientKey(raw: string, issuer?: string | null, today: Date = new Date()): string | null {
  const oid = issuerOid(issuer ?? null);
  if (oid === null || isSwedishIdIssuer(oid)) return normalisePatientId(raw, today);
  const id = raw.trim();
  if (!id || id.length > 64 || oid.length > 128 || /[|\u0000-\u001f]/.test(id + oid)) return null;
  return `${oid}|${id}`;
}
