import { ActorKind, AuditAction, AuditOutcome } from '../domain/audit-action';
import { AuditEntry } from '../domain/audit-entry';

/** Every column of audit_entry except the generated chain key, in the order rows are read. */
export const ENTRY_COLUMNS = `"time", tenant_id, seq, prev_hash, hash, action, outcome, actor_kind, actor_id, actor_hsa_id,
  actor_name, actor_role, actor_personal_id, care_unit_hsa_id, care_unit_name, care_process, session_id, client_address,
  information_type_id, patient_id, patient_name, protected_identity, record_ids, search_criteria, details, correlation_id`;

/**
 * The same columns for verification, with the time as epoch milliseconds: parsing a float is far
 * cheaper than parsing a timestamp text, and verify reads every entry of the log.
 */
export const ENTRY_COLUMNS_FAST_TIME = ENTRY_COLUMNS.replace('"time"', `(extract(epoch FROM "time") * 1000)::float8 AS "time"`);

export interface EntryRow {
  time: Date | number;
  tenant_id: string | null;
  seq: string;
  prev_hash: string;
  hash: string;
  action: string;
  outcome: string;
  actor_kind: string;
  actor_id: string | null;
  actor_hsa_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_personal_id: string | null;
  care_unit_hsa_id: string | null;
  care_unit_name: string | null;
  care_process: string | null;
  session_id: string | null;
  client_address: string | null;
  information_type_id: string | null;
  patient_id: string | null;
  patient_name: string | null;
  protected_identity: boolean;
  record_ids: string[];
  search_criteria: Record<string, unknown> | null;
  details: Record<string, unknown> | null;
  correlation_id: string;
}

export function toEntry(r: EntryRow): AuditEntry {
  return {
    v: 1,
    seq: Number(r.seq),
    time: typeof r.time === 'number' ? new Date(r.time) : r.time,
    prevHash: r.prev_hash,
    hash: r.hash,
    tenantId: r.tenant_id,
    action: r.action as AuditAction,
    outcome: r.outcome as AuditOutcome,
    actorKind: r.actor_kind as ActorKind,
    actorId: r.actor_id,
    actorHsaId: r.actor_hsa_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    actorPersonalId: r.actor_personal_id,
    careUnitHsaId: r.care_unit_hsa_id,
    careUnitName: r.care_unit_name,
    careProcess: r.care_process,
    sessionId: r.session_id,
    clientAddress: r.client_address,
    informationTypeId: r.information_type_id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    protectedIdentity: r.protected_identity,
    recordIds: r.record_ids,
    searchCriteria: r.search_criteria,
    details: r.details,
    correlationId: r.correlation_id,
  };
}

/**
 * The same entry from a row read in array mode (columns in ENTRY_COLUMNS order): the verify
 * threads skip the driver's per-row object, which matters at hundreds of thousands of rows.
 */
export function toEntryFromArray(r: unknown[]): AuditEntry {
  return {
    v: 1,
    time: typeof r[0] === 'number' ? new Date(r[0]) : (r[0] as Date),
    tenantId: r[1] as string | null,
    seq: Number(r[2]),
    prevHash: r[3] as string,
    hash: r[4] as string,
    action: r[5] as AuditAction,
    outcome: r[6] as AuditOutcome,
    actorKind: r[7] as ActorKind,
    actorId: r[8] as string | null,
    actorHsaId: r[9] as string | null,
    actorName: r[10] as string | null,
    actorRole: r[11] as string | null,
    actorPersonalId: r[12] as string | null,
    careUnitHsaId: r[13] as string | null,
    careUnitName: r[14] as string | null,
    careProcess: r[15] as string | null,
    sessionId: r[16] as string | null,
    clientAddress: r[17] as string | null,
    informationTypeId: r[18] as string | null,
    patientId: r[19] as string | null,
    patientName: r[20] as string | null,
    protectedIdentity: r[21] as boolean,
    recordIds: r[22] as string[],
    searchCriteria: r[23] as Record<string, unknown> | null,
    details: r[24] as Record<string, unknown> | null,
    correlationId: r[25] as string,
  };
}

/** Entries (after, upTo] of one chain in seq order, optionally not before a time (see chainRange). */
export const chainRangeSql = (withTime: boolean) =>
  `SELECT ${ENTRY_COLUMNS_FAST_TIME} FROM audit_entry WHERE chain_key = $1 AND seq > $2 AND seq <= $3 ${withTime ? `AND "time" >= $4` : ''} ORDER BY seq`;
