import { isSwedishIdIssuer, issuerOid, parseSwedishPersonalId } from '@samarkiv/records';

export interface AuditedPatient {
  patient: { id: string; issuer?: string } | null;
  details: Record<string, unknown>;
}

/**
 * How a patient goes into an access-log entry: a Swedish number as such; any other id (foreign,
 * local) with its issuer, so the log reviewer's per-patient extract finds it. An id without an
 * issuer that is not a Swedish number cannot be attributed; the entry says so.
 */
export function auditPatient(id: string | null, issuer: string | null): AuditedPatient {
  if (!id) return { patient: null, details: {} };
  const oid = issuerOid(issuer);
  if (oid && !isSwedishIdIssuer(oid)) return { patient: { id, issuer: oid }, details: {} };
  if (parseSwedishPersonalId(id)) return { patient: { id }, details: {} };
  return { patient: null, details: { patientIdWithoutIssuer: true } };
}

/**
 * The patient a search named. Without an issuer in the criteria, a non-Swedish id is attributed
 * to the one issuer the matching records carry; with several, the entry lists the issuers.
 */
export function searchedPatient(filter: { id: string; issuer?: string } | undefined, found: Array<{ id: string; issuer: string | null } | null>): AuditedPatient {
  if (!filter) return { patient: null, details: {} };
  if (filter.issuer || parseSwedishPersonalId(filter.id)) return auditPatient(filter.id, filter.issuer ?? null);
  const issuers = [...new Set(found.filter((p) => p?.id === filter.id).map((p) => p!.issuer))];
  if (issuers.length === 1) return auditPatient(filter.id, issuers[0]);
  return { patient: null, details: issuers.length ? { patientIssuers: issuers } : { patientIdWithoutIssuer: true } };
}
