import { DataSource } from 'typeorm';
import { AuditAction } from '../../src/audit/audit.facade';
import { buildBody } from '../../src/audit/application/audit-log.service';
import { bodyOf, chainHash, GENESIS_HASH } from '../../src/audit/domain/canonical';
import { RequestContext, Role } from '../../src/platform/context';

/** A reader whose views fill synthetic chains (the audit benchmark and the long-chain verify test). */
export const benchReader = new RequestContext('bench', {
  kind: 'user',
  id: 'bench-reader',
  tenantId: 'bench-append',
  displayName: 'Bengt Bänk',
  hsaId: 'SE2321000164-bench',
  grants: [{ role: Role.Reader, tenantId: 'bench-append', informationTypeId: 'patient-record', tier: null }],
});

export const benchViewEntry = (i: number) => ({
  action: AuditAction.View,
  informationTypeId: 'patient-record',
  patient: { id: '191212121212' },
  recordIds: [`rec-${i}`],
  actor: { role: 'reader', careUnitHsaId: 'SE2321000164-vc1', careUnitName: 'Vårdcentralen Mitt' },
});

/**
 * A valid chain straight into the table (bulk, one statement per 10,000 rows): a million single
 * appends would measure the append path again, not verification.
 */
export async function writeChain(ds: DataSource, tenantId: string, entries: number): Promise<void> {
  let prev = GENESIS_HASH;
  const start = Date.now() - entries;
  const batch = 10_000;
  for (let from = 1; from <= entries; from += batch) {
    const cols: unknown[][] = Array.from({ length: 10 }, () => []);
    for (let seq = from; seq < Math.min(from + batch, entries + 1); seq++) {
      const body = buildBody(new RequestContext(`bench-${seq}`, benchReader.principal, '10.0.0.1'), { ...benchViewEntry(seq), tenantId });
      const time = new Date(start + seq);
      const hash = chainHash(prev, seq, time, bodyOf(body));
      [time, seq, prev, hash, body.actorId, body.actorName, body.careUnitName, body.recordIds[0], body.correlationId, body.clientAddress].forEach((v, i) => cols[i].push(v));
      prev = hash;
    }
    await ds.query(
      `INSERT INTO audit_entry ("time", tenant_id, seq, prev_hash, hash, action, outcome, actor_kind, actor_id, actor_hsa_id, actor_name, actor_role,
         care_unit_hsa_id, care_unit_name, information_type_id, patient_id, protected_identity, record_ids, correlation_id, client_address)
       SELECT t, $11, s, p, h, 'view', 'success', 'user', a, $12, n, 'reader', $13, u, 'patient-record', '191212121212', false, ARRAY[r], c, ip
       FROM unnest($1::timestamptz[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS x(t, s, p, h, a, n, u, r, c, ip)`,
      [...cols, tenantId, benchReader.principal!.hsaId, 'SE2321000164-vc1'],
    );
  }
  await ds.query(`INSERT INTO audit_chain_head (chain_key, tenant_id, last_seq, last_hash, last_time) VALUES ($1, $1, $2, $3, $4)`, [tenantId, entries, prev, new Date(start + entries)]);
}

