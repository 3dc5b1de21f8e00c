import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AuditAction, AuditFacade } from '../../src/audit/audit.facade';
import { RequestContext } from '../../src/platform/context';
import { GlobalExceptionFilter } from '../../src/platform/errors/global-exception.filter';
import { useTestEnvironment, uniq } from '../support/test-env';
import { asTamperer, readerCtx, viewEntry } from './audit-fixtures';
import { ownerDataSource } from '../support/owner-data-source';

describe('audit log: append-only, hash-chained, fail-closed (real PostgreSQL)', () => {
  let app: INestApplicationContext;
  let audit: AuditFacade;
  let ds: DataSource;
  const operator = RequestContext.system('test');

  const verifyTenant = async (tenantId: string) => (await audit.verify(operator, { tenantId })).chains[0];
  const appendMany = async (tenantId: string, n: number) => {
    for (let i = 0; i < n; i++) await audit.record(readerCtx(tenantId), viewEntry('19121212-1212', `rec-${i}`));
  };

  beforeAll(async () => {
    useTestEnvironment();
    app = await NestFactory.createApplicationContext(AppModule.forRole('cli'), { logger: false });
    await app.init();
    audit = app.get(AuditFacade);
    // The tests act as the schema owner (tampering, fixtures); the app itself runs as its restricted role.
    ds = await ownerDataSource();
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  it('appends entries whose database-computed hashes the Node verifier confirms', async () => {
    const t = `region-ok-${uniq()}`;
    const first = await audit.record(readerCtx(t), { ...viewEntry('191212121212'), searchCriteria: { name: 'Öberg', from: '2020-01-01', max: 50, nested: { z: true, a: [1, 'x'] } } });
    expect(first).toMatchObject({ tenantId: t, seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await appendMany(t, 4);
    const [row] = (await ds.query(`SELECT patient_id, actor_name, care_unit_name, record_ids, client_address FROM audit_entry WHERE tenant_id = $1 AND seq = 1`, [t])) as Array<Record<string, unknown>>;
    expect(row).toEqual({ patient_id: '191212121212', actor_name: 'Rita Läsare', care_unit_name: 'Vårdcentralen Mitt', record_ids: ['rec-1'], client_address: '10.1.2.3' });
    expect(await verifyTenant(t)).toMatchObject({ tenantId: t, ok: true, checked: 5, headSeq: 5, firstBroken: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE even for the superuser, on the table and on a partition', async () => {
    const t = `region-ro-${uniq()}`;
    await appendMany(t, 1);
    await audit.anchorNow(operator);
    const [{ part }] = (await ds.query(`SELECT tableoid::regclass::text AS part FROM audit_entry WHERE tenant_id = $1`, [t])) as Array<{ part: string }>;
    for (const sql of [
      `UPDATE audit_entry SET actor_name = 'x' WHERE tenant_id = '${t}'`,
      `DELETE FROM audit_entry WHERE tenant_id = '${t}'`,
      `TRUNCATE audit_entry`,
      `UPDATE ${part} SET actor_name = 'x' WHERE tenant_id = '${t}'`,
      `DELETE FROM ${part} WHERE tenant_id = '${t}'`,
      `TRUNCATE ${part}`,
      `DELETE FROM audit_anchor`,
      `TRUNCATE audit_anchor`,
    ]) {
      await expect(ds.query(sql)).rejects.toThrow(/append-only/);
    }
  });

  it('the application role may only insert and select on the log', async () => {
    const privileges = (await ds.query(`
      SELECT t.name, p.priv, has_table_privilege('samarkiv_app', t.name, p.priv) AS granted
      FROM unnest(ARRAY['audit_entry', 'audit_anchor', 'audit_chain_head']) AS t(name),
           unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(priv)`)) as Array<{ name: string; priv: string; granted: boolean }>;
    const granted = privileges.filter((p) => p.granted).map((p) => `${p.name}:${p.priv}`).sort();
    expect(granted).toEqual(['audit_anchor:INSERT', 'audit_anchor:SELECT', 'audit_chain_head:SELECT', 'audit_entry:INSERT', 'audit_entry:SELECT']);
    const [{ can }] = (await ds.query(`SELECT has_function_privilege('samarkiv_app', 'audit_append(text)', 'EXECUTE') AS can`)) as Array<{ can: boolean }>;
    expect(can).toBe(true);
    // Acting as the role: appends work, rewriting does not get past the permission check.
    const t = `region-role-${uniq()}`;
    await ds.transaction(async (m) => {
      await m.query(`SET LOCAL ROLE samarkiv_app`);
      await m.query(`SELECT * FROM audit_append($1)`, [JSON.stringify({ tenantId: t, action: 'login', outcome: 'success', actorKind: 'user', protectedIdentity: false, recordIds: [], correlationId: 'role-test' })]);
      await expect(m.query(`SAVEPOINT s; UPDATE audit_chain_head SET last_seq = 0`)).rejects.toThrow(/permission denied/);
    });
  });

  it.each([
    ['changed field', (t: string) => `UPDATE audit_entry SET actor_name = 'Someone Else' WHERE tenant_id = '${t}' AND seq = 3`, { kind: 'altered', seq: 3 }],
    ['removed entry', (t: string) => `DELETE FROM audit_entry WHERE tenant_id = '${t}' AND seq = 3`, { kind: 'missing', seq: 3 }],
    [
      'two entries swapped',
      (t: string) => `UPDATE audit_entry SET seq = CASE seq WHEN 3 THEN 4 ELSE 3 END WHERE tenant_id = '${t}' AND seq IN (3, 4)`,
      { kind: 'reordered', seq: 3 },
    ],
    ['last entries cut off', (t: string) => `DELETE FROM audit_entry WHERE tenant_id = '${t}' AND seq >= 5`, { kind: 'truncated', seq: 5 }],
  ])('tampering as superuser (%s) is found, and verify names the first broken entry', async (_, tamper, expected) => {
    const t = `region-tamper-${uniq()}`;
    await appendMany(t, 6);
    expect((await verifyTenant(t)).ok).toBe(true);
    await asTamperer(ds, tamper(t));
    const report = await audit.verify(operator, { tenantId: t });
    expect(report.ok).toBe(false);
    expect(report.chains[0].firstBroken).toMatchObject(expected);
  });

  it('a rewritten chain (every hash recomputed after a change) is caught by an earlier anchor', async () => {
    const t = `region-rewrite-${uniq()}`;
    await appendMany(t, 3);
    await audit.anchorNow(operator);
    // Replace seq 3 by a forged but self-consistent entry: its own hash checks out, the anchor does not.
    const [e] = (await ds.query(`SELECT prev_hash FROM audit_entry WHERE tenant_id = $1 AND seq = 3`, [t])) as Array<{ prev_hash: string }>;
    const { bodyOf, chainHash } = await import('../../src/audit/domain/canonical');
    const rows = await app.get(AuditFacade)['repo'].chainRange(t, 2, 3, null);
    const forged = { ...rows[0], actorName: 'Forged' };
    const hash = chainHash(e.prev_hash, 3, forged.time, bodyOf(forged));
    await asTamperer(ds, `UPDATE audit_entry SET actor_name = 'Forged', hash = $2 WHERE tenant_id = $1 AND seq = 3`, [t, hash]);
    await asTamperer(ds, `UPDATE audit_chain_head SET last_hash = $2 WHERE chain_key = $1`, [t, hash]);
    expect((await verifyTenant(t)).firstBroken).toMatchObject({ kind: 'anchor-mismatch', seq: 3 });
  });

  it('parallel appends in two tenants keep one gapless, unbroken chain each', async () => {
    const [a, b] = [`region-par-a-${uniq()}`, `region-par-b-${uniq()}`];
    await Promise.all(Array.from({ length: 120 }, (_, i) => audit.record(readerCtx(i % 2 ? a : b), viewEntry('191212121212', `r${i}`))));
    for (const t of [a, b]) {
      const seqs = ((await ds.query(`SELECT seq FROM audit_entry WHERE tenant_id = $1 ORDER BY seq`, [t])) as Array<{ seq: string }>).map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(await verifyTenant(t)).toMatchObject({ ok: true, checked: 60 });
    }
  });

  it('fails closed: when the entry cannot be written the caller gets 503 and no data', async () => {
    const t = `region-closed-${uniq()}`;
    const [{ part, bound }] = (await ds.query(`
      SELECT c.relname AS part, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'audit_entry'::regclass AND c.relname = 'audit_entry_' || to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM')`)) as Array<{ part: string; bound: string }>;
    await ds.query(`ALTER TABLE audit_entry DETACH PARTITION ${part}`);
    const patientData = { journal: 'sensitive' };
    let handedOut: unknown;
    try {
      const err = await audit.withAudit(readerCtx(t), viewEntry('191212121212'), async () => patientData).then((v) => (handedOut = v), (e: unknown) => e);
      expect(handedOut).toBeUndefined();
      expect(err).toMatchObject({ code: 'AUDIT_LOG_UNAVAILABLE' });
      expect(new GlobalExceptionFilter().toResponse(err, 'c').status).toBe(503);
      await expect(audit.record(readerCtx(t), viewEntry('191212121212'))).rejects.toMatchObject({ code: 'AUDIT_LOG_UNAVAILABLE' });
    } finally {
      await ds.query(`ALTER TABLE audit_entry ATTACH PARTITION ${part} ${bound}`);
    }
    // The failed appends left no gap: the sequence rolled back with them.
    await expect(audit.withAudit(readerCtx(t), viewEntry('191212121212'), async () => patientData)).resolves.toBe(patientData);
    expect(await verifyTenant(t)).toMatchObject({ ok: true, checked: 1, headSeq: 1 });
  });

  it('a refused access is logged as refused', async () => {
    const t = `region-refused-${uniq()}`;
    const { DomainError, ErrorKind } = await import('../../src/platform/errors/domain.error');
    await expect(audit.withAudit(readerCtx(t), viewEntry('191212121212'), () => Promise.reject(new DomainError('X', ErrorKind.Forbidden, 'no')))).rejects.toThrow('no');
    const rows = (await ds.query(`SELECT outcome FROM audit_entry WHERE tenant_id = $1`, [t])) as Array<{ outcome: string }>;
    expect(rows).toEqual([{ outcome: 'refused' }]);
  });

  it('refuses an entry whose patient id is not a personnummer, without echoing it', async () => {
    await expect(audit.record(readerCtx('region-x'), { action: AuditAction.View, patient: { id: 'Sven 4711' } })).rejects.toMatchObject({
      code: 'AUDIT_INVALID_ENTRY',
      message: expect.not.stringContaining('4711'),
    });
  });
});
