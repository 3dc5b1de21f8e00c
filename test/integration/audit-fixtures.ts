import { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/audit/domain/audit-entry';
import { bodyOf, chainHash, GENESIS_HASH } from '../../src/audit/domain/canonical';
import { RequestContext, Role } from '../../src/platform/context';
import { AuditAction } from '../../src/audit/audit.facade';
import { sampleBody } from '../../src/audit/domain/audit-body.fixture';

/** A reader in a tenant, as the auth module will build it. */
export const readerCtx = (tenantId: string, userId = `reader-${tenantId}`, name = 'Rita Läsare') =>
  new RequestContext(`corr-${Math.random().toString(36).slice(2, 12)}`, {
    kind: 'user',
    id: userId,
    tenantId,
    displayName: name,
    hsaId: `SE-${userId}`,
    sessionId: 'sess-1',
    grants: [{ role: Role.Reader, tenantId, informationTypeId: 'patient-record', tier: null }],
  }, '10.1.2.3');

export const reviewerCtx = (tenantId: string, informationTypeId = 'patient-record') =>
  new RequestContext(`corr-${Math.random().toString(36).slice(2, 12)}`, {
    kind: 'user',
    id: `reviewer-${tenantId}`,
    tenantId,
    displayName: 'Greta Granskare',
    grants: [{ role: Role.LogReviewer, tenantId, informationTypeId, tier: null }],
  });

export const viewEntry = (patientId: string, recordId = 'rec-1') => ({
  action: AuditAction.View,
  informationTypeId: 'patient-record',
  patient: { id: patientId },
  recordIds: [recordId],
  actor: { role: 'reader', careUnitHsaId: 'SE2321000164-vc1', careUnitName: 'Vårdcentralen Mitt' },
});

/**
 * Writes a valid chain directly as the database superuser, with times in the past (as if imported
 * from an older system): how tests get entries old enough for retention.
 */
export async function backfillChain(ds: DataSource, tenantId: string, times: Date[]): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (const [i, time] of times.entries()) {
    await ds.query(`SELECT audit_ensure_partition($1::date)`, [time.toISOString().slice(0, 10)]);
    const seq = i + 1;
    const body = sampleBody({ tenantId, recordIds: [`old-${seq}`], correlationId: `backfill-${seq}` });
    const hash = chainHash(prev, seq, time, bodyOf(body));
    await ds.query(
      `INSERT INTO audit_entry ("time", tenant_id, seq, prev_hash, hash, action, outcome, actor_kind, actor_id, actor_hsa_id, actor_name, actor_role,
        actor_personal_id, care_unit_hsa_id, care_unit_name, care_process, session_id, client_address, information_type_id, patient_id, patient_name,
        protected_identity, record_ids, search_criteria, details, correlation_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26)`,
      [time, tenantId, seq, prev, hash, body.action, body.outcome, body.actorKind, body.actorId, body.actorHsaId, body.actorName, body.actorRole,
        body.actorPersonalId, body.careUnitHsaId, body.careUnitName, body.careProcess, body.sessionId, body.clientAddress, body.informationTypeId,
        body.patientId, body.patientName, body.protectedIdentity, body.recordIds, body.searchCriteria, body.details, body.correlationId],
    );
    out.push({ ...body, seq, time, prevHash: prev, hash });
    prev = hash;
  }
  const last = out[out.length - 1];
  await ds.query(`INSERT INTO audit_chain_head (chain_key, tenant_id, last_seq, last_hash, last_time) VALUES ($1, $1, $2, $3, $4)`, [tenantId, last.seq, last.hash, last.time]);
  return out;
}

/** Runs SQL with ordinary triggers off, as a superuser tampering with the log would. */
export async function asTamperer(ds: DataSource, sql: string, params: unknown[] = []): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query(`SET LOCAL session_replication_role = replica`);
    await m.query(sql, params);
  });
}
