import { parseSwedishPersonalId } from '@samarkiv/records';

/** How a record's patient goes into an access-log entry. */
export function auditPatient(id: string | null, issuer: string | null): { patient: { id: string } | null; details: Record<string, unknown> } {
  if (!id) return { patient: null, details: {} };
  if (parseSwedishPersonalId(id)) return { patient: { id }, details: {} };
  return { patient: null, details: { patientIdIssuer: issuer } };
}
