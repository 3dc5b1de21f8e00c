import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AuditAction, AuditFacade } from '../../src/audit/audit.facade';
import { AuditReviewService } from '../../src/audit/application/audit-review.service';
import { extractCsv, extractPdf } from '../../src/audit/application/extract-export';
import { RequestContext } from '../../src/platform/context';
import { GlobalExceptionFilter } from '../../src/platform/errors/global-exception.filter';
import { TenantRepository } from '../../src/tenancy/infrastructure/tenant.repository';
import { useTestEnvironment, uniq } from '../support/test-env';
import { backfillChain, readerCtx, reviewerCtx, viewEntry } from './audit-fixtures';
import { ownerDataSource } from '../support/owner-data-source';

const PATIENT = '19121212-1212';
const OTHER_PATIENT = '195001011234';

describe('log review (service level, real PostgreSQL)', () => {
  let app: INestApplicationContext;
  let audit: AuditFacade;
  let review: AuditReviewService;
  let ds: DataSource;
  const A = `region-ra-${uniq()}`;
  const B = `region-rb-${uniq()}`;
  const statusOf = async (p: Promise<unknown>) => new GlobalExceptionFilter().toResponse(await p.then(() => undefined, (e: unknown) => e), 'c').status;
  const window = () => ({ from: new Date(Date.now() - 3600_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString() });

  beforeAll(async () => {
    useTestEnvironment();
    app = await NestFactory.createApplicationContext(AppModule.forRole('cli'), { logger: false });
    await app.init();
    audit = app.get(AuditFacade);
    review = app.get(AuditReviewService);
    // The tests act as the schema owner (tampering, fixtures); the app itself runs as its restricted role.
    ds = await ownerDataSource();
    for (const id of [A, B]) await app.get(TenantRepository).insert({ id, name: id, organisationNumber: '232100-0000', archiveAuthorityName: 'Arkiv' });
    await audit.record(readerCtx(A, 'anna'), viewEntry(PATIENT, 'a-1'));
    await audit.record(readerCtx(A, 'anna'), { ...viewEntry(OTHER_PATIENT, 'a-2'), patient: { id: OTHER_PATIENT, protectedIdentity: true } });
    await audit.record(readerCtx(A, 'bo', 'Bo Svensson'), { ...viewEntry(PATIENT, 'a-3'), patient: { id: PATIENT, name: 'Tolvan Svensson' } });
    await audit.record(readerCtx(A, 'own'), { ...viewEntry(PATIENT, 'a-4'), actor: { personalId: PATIENT, careUnitName: 'Akuten' } });
    await audit.record(readerCtx(B, 'bertil'), viewEntry(PATIENT, 'b-1'));
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  it("gives the patient's extract: who, when, from which care unit, only from the reviewer's tenant", async () => {
    const x = await review.patientExtract(reviewerCtx(A), { tenantId: A, informationTypeId: 'patient-record', patientId: PATIENT });
    expect(x.patientId).toBe('191212121212');
    expect(x.entries.map((e) => e.recordIds[0]).sort()).toEqual(['a-1', 'a-3', 'a-4']);
    expect(x.entries.find((e) => e.recordIds[0] === 'a-1')).toMatchObject({ action: 'view', actor: { id: 'anna', name: 'Rita Läsare' }, careUnit: { name: 'Vårdcentralen Mitt' } });
    const csv = extractCsv(x).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFtime,action,outcome,user,user HSA-id,role,care unit,care unit HSA-id,care process,information type,records');
    expect(csv).toContain('Vårdcentralen Mitt');
    const pdf = await extractPdf(x);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("never shows another tenant's log: B's tenant id or B's sample id answers 404", async () => {
    expect(await statusOf(review.patientExtract(reviewerCtx(A), { tenantId: B, informationTypeId: 'patient-record', patientId: PATIENT }))).toBe(404);
    expect(await statusOf(review.userAccesses(reviewerCtx(A), { tenantId: B, informationTypeId: 'patient-record', userId: 'bertil' }))).toBe(404);
    const sampleB = await review.createSample(reviewerCtx(B), { tenantId: B, informationTypeId: 'patient-record', size: 5, ...window() });
    expect(sampleB.items?.map((i) => i.entry?.recordIds)).toEqual([['b-1']]);
    expect(await statusOf(review.getSample(reviewerCtx(A), A, sampleB.id))).toBe(404);
    expect(await statusOf(review.getSample(reviewerCtx(A), B, sampleB.id))).toBe(404);
    expect(await statusOf(review.noteItem(reviewerCtx(A), B, sampleB.id, sampleB.items![0].seq, 'x'))).toBe(404);
    const mine = await review.userAccesses(reviewerCtx(A), { tenantId: A, informationTypeId: 'patient-record', userId: 'bertil', ...window() });
    expect(mine).toEqual([]);
  });

  it('needs the log-reviewer role for the tenant and type; a reader is refused and the refusal is logged', async () => {
    const reader = readerCtx(A, 'curious');
    expect(await statusOf(review.patientExtract(reader, { tenantId: A, informationTypeId: 'patient-record', patientId: PATIENT }))).toBe(403);
    expect(await statusOf(review.patientExtract(reviewerCtx(A, 'finance'), { tenantId: A, informationTypeId: 'patient-record', patientId: PATIENT }))).toBe(403);
    expect(await statusOf(review.patientExtract(RequestContext.anonymous(), { tenantId: A, informationTypeId: 'patient-record', patientId: PATIENT }))).toBe(401);
    const rows = (await ds.query(`SELECT action, outcome FROM audit_entry WHERE tenant_id = $1 AND actor_id = 'curious'`, [A])) as unknown[];
    expect(rows).toEqual([{ action: 'log-review', outcome: 'refused' }]);
  });

  it('flags own record, same surname, protected identity and unusual volume', async () => {
    const flagged = await review.flagged(reviewerCtx(A), { tenantId: A, informationTypeId: 'patient-record', volumeThreshold: 1, ...window() });
    const byRecord = Object.fromEntries(flagged.map((e) => [e.recordIds[0], e.flags]));
    expect(byRecord['a-2']).toEqual(expect.arrayContaining(['protected-identity', 'unusual-volume']));
    expect(byRecord['a-3']).toEqual(expect.arrayContaining(['same-surname']));
    expect(byRecord['a-4']).toEqual(expect.arrayContaining(['own-record']));
  });

  it('samples accesses for systematic review, takes notes, signs off once, and logs every step', async () => {
    const ctx = reviewerCtx(A);
    const sample = await review.createSample(ctx, { tenantId: A, informationTypeId: 'patient-record', size: 2, ...window() });
    expect(sample.items).toHaveLength(2);
    const seq = sample.items![0].seq;
    const noted = await review.noteItem(ctx, A, sample.id, seq, 'Vårdrelation finns, ok.');
    expect(noted.items!.find((i) => i.seq === seq)).toMatchObject({ note: 'Vårdrelation finns, ok.', notedBy: `reviewer-${A}` });
    expect(await statusOf(review.noteItem(ctx, A, sample.id, 999_999, 'x'))).toBe(404);
    const signed = await review.signOff(ctx, A, sample.id, 'Inga avvikelser.');
    expect(signed).toMatchObject({ signedOffBy: `reviewer-${A}`, conclusion: 'Inga avvikelser.' });
    expect(await statusOf(review.signOff(ctx, A, sample.id, 'again'))).toBe(409);
    expect(await statusOf(review.noteItem(ctx, A, sample.id, seq, 'late'))).toBe(409);
    expect((await review.listSamples(ctx, { tenantId: A, informationTypeId: 'patient-record' })).map((s) => s.id)).toContain(sample.id);
    const logged = (await ds.query(`SELECT details->>'what' AS what FROM audit_entry WHERE tenant_id = $1 AND action = 'log-review' AND actor_id = $2 ORDER BY seq`, [A, `reviewer-${A}`])) as Array<{ what: string }>;
    expect(logged.map((r) => r.what)).toEqual(expect.arrayContaining(['patient-extract', 'flags', 'sample-create', 'sample-note', 'sample-sign-off', 'sample-list']));
  });

  it('keeps partitions three months ahead, and tenants see only their own anchors', async () => {
    const { partitions } = await audit.ensurePartitions(RequestContext.system('test'));
    const month = (plus: number) => {
      const d = new Date();
      return `audit_entry_${new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + plus, 1)).toISOString().slice(0, 7).replace('-', '_')}`;
    };
    expect(partitions).toEqual([month(0), month(1), month(2), month(3)]);
    await audit.anchorNow(RequestContext.system('test'));
    const seen = await audit.anchors(reviewerCtx(A));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((a) => a.tenantId))).toEqual(new Set([A]));
    expect(await audit.anchors(reviewerCtx(A), B)).toEqual([]);
  });

  it('retention drops only whole partitions past retention, keeps their anchors, and verify passes from the anchor', async () => {
    const t = `region-ret-${uniq()}`;
    const old = [new Date('2019-01-10T10:00:00Z'), new Date('2019-01-20T10:00:00Z'), new Date('2019-02-05T10:00:00Z'), new Date('2019-03-01T09:00:00Z')];
    const written = await backfillChain(ds, t, old);
    await audit.record(readerCtx(t), { action: AuditAction.Login });
    const operator = RequestContext.system('test');
    expect((await audit.verify(operator, { tenantId: t })).chains[0]).toMatchObject({ ok: true, checked: 5 });

    // An operator cannot cut the log shorter than the law allows, whatever the setting says.
    await expect(ds.query(`SELECT audit_drop_partitions_before(now() - interval '1 year')`)).rejects.toThrow(/legal minimum/);

    const { dropped } = await audit.applyRetention(operator);
    expect(dropped).toEqual(expect.arrayContaining(['audit_entry_2019_01', 'audit_entry_2019_02', 'audit_entry_2019_03']));
    const anchors = await audit.anchors(operator, t);
    expect(anchors.filter((a) => a.reason === 'retention').map((a) => [a.seq, a.hash, a.partitionName])).toEqual([
      [2, written[1].hash, 'audit_entry_2019_01'],
      [3, written[2].hash, 'audit_entry_2019_02'],
      [4, written[3].hash, 'audit_entry_2019_03'],
    ]);
    const report = await audit.verify(operator, { tenantId: t });
    expect(report.chains[0]).toMatchObject({ ok: true, checked: 1, headSeq: 5 });
    const central = (await ds.query(`SELECT details FROM audit_entry WHERE tenant_id IS NULL AND action = 'log-maintenance' ORDER BY seq DESC LIMIT 1`)) as Array<{ details: { retentionDropped: string[] } }>;
    expect(central[0].details.retentionDropped).toEqual(dropped);
  });
});
