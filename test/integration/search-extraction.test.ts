import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CanonicalRecord } from '@samarkiv/records';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext, Role, Tier } from '../../src/platform/context';
import { AuditFacade } from '../../src/audit/audit.facade';
import { SearchTypes } from '../../src/search/application/information-types';
import { RecordSearchService } from '../../src/search/application/record-search.service';
import { RecordViewService } from '../../src/search/application/record-view.service';
import { RecordIndex } from '../../src/search/domain/record-index.port';
import { PgRecordIndex } from '../../src/search/infrastructure/pg-record-index';
import { SearchFacade } from '../../src/search/search.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { canonicalXml, CCDA_DIR, deliver, sourceFile, tempDir } from '../support/search-fixtures';
import { ownerDataSource } from '../support/owner-data-source';
import { repoRoot } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { uniq, useTestEnvironment } from '../support/test-env';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

/** Extraction through the facade as ingest calls it, with configuration extended by files only. */
describe('record extraction and configuration-only extension', () => {
  jest.setTimeout(180_000);
  let app: INestApplication;
  const T = `region-x-${uniq()}`;
  const config = tempDir();

  beforeAll(async () => {
    // A copy of the shipped configuration plus one new information type and one new source system.
    cpSync(join(repoRoot(), 'config'), config, { recursive: true });
    writeFileSync(
      join(config, 'information-types/x-ray-referral.yaml'),
      `id: x-ray-referral
version: 1
labels: { sv: Röntgenremiss, en: X-ray referral }
description: { sv: Remisser till röntgen, en: Referrals to radiology }
patientData: true
partyFields: [patientId]
retention: { years: 10, trigger: record-date }
searchRequires: [[patientId], [modality, date]]
index: { date: date, keys: [modality] }
fields:
  - { name: patientId, kind: personal-identity-number, labels: { sv: Patient, en: Patient }, search: [exact] }
  - { name: date, kind: date, labels: { sv: Datum, en: Date }, search: [range], sortable: true }
  - { name: modality, kind: code, labels: { sv: Modalitet, en: Modality }, search: [exact, facet] }
  - { name: question, kind: text, labels: { sv: Frågeställning, en: Question }, search: [fulltext] }
layout:
  sections:
    - { id: main, labels: { sv: Remiss, en: Referral }, fields: [patientId, date, modality, question] }
`,
    );
    mkdirSync(join(config, 'mappings/x-ray-referral'));
    writeFileSync(join(config, 'mappings/x-ray-referral/canonical-xml.yaml'), `id: x-ray-referral.canonical-xml\ninformationType: x-ray-referral\nsourceSystems: ['*']\nreader: canonical-xml\nmatch: { extensions: [.xml], xmlRoot: { name: records } }\n`);
    // A new source system: its own column names, used only for deliveries from that system.
    writeFileSync(
      join(config, 'mappings/finance/raindance.yaml'),
      `id: finance.raindance\ninformationType: finance\nsourceSystems: [Raindance]\nreader: csv\nmatch: { extensions: [.csv] }\noptions:\n  delimiter: ','\n  recordIdColumn: VERNR\n  columns: { voucherNumber: VERNR, date: BOKDAT, account: KONTO, amount: BELOPP }\n`,
    );
    useTestEnvironment({ INFORMATION_TYPES_DIR: join(config, 'information-types'), MAPPINGS_DIR: join(config, 'mappings') });
    ({ app } = await startTestApp(ProcessRole.Worker));
    await app.get(TenancyFacade).createTenant(RequestContext.system('test'), { id: T, name: 'Test', organisationNumber: '232100-0000', archiveAuthorityName: 'Arkiv' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('maps the whole C-CDA corpus in batches of at most 1,000; the malformed document is the only error', async () => {
    const files = walk(CCDA_DIR).map((p) => sourceFile(p, `representations/rep1/data/${relative(CCDA_DIR, p)}`));
    const sizes: number[] = [];
    const records: CanonicalRecord[] = [];
    const result = await app.get(SearchFacade).extractRecords(RequestContext.job(T, 'j1'), { informationTypeId: 'patient-record', sourceSystem: 'ccda-corpus', files }, async (b) => {
      sizes.push(b.length);
      records.push(...b);
    });
    expect(result.records).toBe(169);
    expect(records).toHaveLength(169);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'RECORD_XML_NOT_WELL_FORMED', file: 'representations/rep1/data/MDLogic/ContinuityOfCareDocument_MUBatJer_20170601-145724.xml' }),
    ]);
    expect(new Set(records.map((r) => r.recordId)).size).toBe(169);
    expect(records.every((r) => r.fields.sourceSystem === 'ccda-corpus')).toBe(true);
  });

  it('a new source system is one mapping file: its export maps, other systems keep the generic mapping', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ledger.csv'), 'VERNR,BOKDAT,KONTO,BELOPP\nR-1,2019-01-02,3010,100.00\nR-2,2019-01-03,3010,-5.5\n');
    const own = await deliver(app, T, 'finance', 'Raindance', [sourceFile(join(dir, 'ledger.csv'), 'data/ledger.csv')]);
    expect(own.findings).toEqual([]);
    expect(own.records.map((r) => [r.recordId, r.fields.amount])).toEqual([['R-1', 100], ['R-2', -5.5]]);
    const other = await deliver(app, T, 'finance', 'Agresso', [sourceFile(join(dir, 'ledger.csv'), 'data/ledger.csv')]);
    // The other mappings do not take a file whose header lacks their columns.
    expect(other.findings).toEqual([expect.objectContaining({ code: 'RECORD_NONE_FOUND' })]);
  });

  it('a new information type is configuration only: delivered, indexed and searched', async () => {
    const dir = tempDir();
    const xml = canonicalXml(dir, 'x-ray-referral', [
      { id: 'r1', values: { patientId: '19121212-1212', date: '2020-02-02', modality: 'CT', question: 'Lungemboli?' } },
      { id: 'r2', values: { patientId: '191212121212', date: '2021-03-03', modality: 'MR', question: 'Diskbråck?' } },
    ]);
    const d = await deliver(app, T, 'x-ray-referral', 'RIS', [sourceFile(xml, 'data/referrals.xml')]);
    expect(d.findings).toEqual([]);
    expect(d.indexed).toBe(2);
    const ctx = new RequestContext('c1', { kind: 'user', id: 'u1', tenantId: T, grants: [{ role: Role.Reader, tenantId: T, informationTypeId: 'x-ray-referral', tier: Tier.Intermediate }] });
    const result = await app.get(RecordSearchService).search(ctx, 'x-ray-referral', { criteria: { modality: 'CT', date: { from: '2020-01-01', to: '2020-12-31' } } });
    expect(result.items.map((i) => i.fields.question)).toEqual(['Lungemboli?']);
    expect(result.facets.modality).toEqual([{ value: 'CT', count: 1 }]);
    await expect(app.get(RecordSearchService).search(ctx, 'x-ray-referral', { criteria: { question: 'lunga' } })).rejects.toMatchObject({ code: 'SEARCH_TOO_BROAD' });
    // Both ways of reading full-text matches (index order, or collected first) give the same pages.
    const index = app.get(RecordIndex) as PgRecordIndex;
    const plan = { tenantId: T, informationTypeId: 'x-ray-referral', tiers: ['intermediate'], filters: [{ kind: 'fulltext' as const, query: 'diskbråck lungemboli' }, { kind: 'patient' as const, id: '191212121212' }], sort: { field: 'date', column: 'record_date' as const, direction: 'desc' as const }, cursor: null, limit: 1, facets: [], blocks: null };
    for (const q of ['lungemboli', 'diskbråck']) {
      const p = { ...plan, filters: [{ kind: 'fulltext' as const, query: q }, plan.filters[1]] };
      const [a, b] = await Promise.all([index.search(p, 'ordered'), index.search(p, 'fenced')]);
      expect(b.items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
      expect(a.items).toHaveLength(1);
    }
    const all = { ...plan, filters: [plan.filters[1]] };
    const first = await index.search(all, 'fenced');
    const second = await index.search({ ...all, cursor: first.last }, 'fenced');
    expect([...first.items, ...second.items].map((i) => i.fields.modality)).toEqual(['MR', 'CT']);
    expect(second.last).toBeNull();
    // The first page that comes with the facets (one statement, rows as JSON) is the same page.
    const withFacets = await index.firstPage(all);
    expect(withFacets.items).toEqual(first.items);
    expect(withFacets.last).toEqual(first.last);
    expect(withFacets.matched).toBe(2);
    expect(withFacets.complete).toBe(true);
    // A record without the facet's value counts in the total but gives no empty facet value.
    const more = canonicalXml(tempDir(), 'x-ray-referral', [{ id: 'r3', values: { patientId: '191212121212', date: '2022-04-04', question: 'Kontroll' } }]);
    expect((await deliver(app, T, 'x-ray-referral', 'RIS', [sourceFile(more, 'data/more.xml')])).findings).toEqual([]);
    const byPatient = await app.get(RecordSearchService).search(ctx, 'x-ray-referral', { criteria: { patientId: '191212121212' } });
    expect(byPatient.facets.modality).toEqual([{ value: 'CT', count: 1 }, { value: 'MR', count: 1 }]);
    expect(byPatient.total).toEqual({ count: 3, complete: true });
  });

  it('indexing an AIP again keeps record ids (idempotent); removing the AIP removes its records', async () => {
    const facade = app.get(SearchFacade);
    const ds = app.get(DataSource);
    const ctx = RequestContext.job(T, 'j-re');
    const aip = { aipId: randomUUID(), deliveryId: 'd-re', informationTypeId: 'registry', sourceSystem: 'Diariet', tier: 'intermediate' as const };
    const recs: CanonicalRecord[] = [1, 2, 3].map((n) => ({ recordId: `RS-${n}`, informationTypeId: 'registry', fields: { caseNumber: `RS 2020-${n}`, registrationDate: '2020-01-0' + n, title: `Ärende ${n}` }, sourceFile: 'r.xml' }));
    const ids = () => ds.query(`SELECT id, fields->>'title' AS title FROM record WHERE tenant_id = $1 AND aip_id = $2 ORDER BY id`, [T, aip.aipId]) as Promise<Array<{ id: string; title: string }>>;
    expect(await ds.transaction((tx) => facade.indexRecords(ctx, tx, aip, once([recs])))).toBe(3);
    const first = await ids();
    recs[0].fields.title = 'Ärende 1, rättad';
    expect(await ds.transaction((tx) => facade.indexRecords(ctx, tx, aip, once([recs])))).toBe(3);
    const second = await ids();
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(second.map((r) => r.title)).toContain('Ärende 1, rättad');
    // A rolled-back catalogue transaction leaves no records behind.
    await expect(ds.transaction(async (tx) => {
      await facade.indexRecords(ctx, tx, { ...aip, aipId: randomUUID() }, once([recs]));
      throw new Error('catalogue failed');
    })).rejects.toThrow('catalogue failed');
    expect(Number((await ds.query(`SELECT count(*) AS n FROM record WHERE tenant_id = $1 AND information_type_id = 'registry'`, [T]))[0].n)).toBe(3);
    expect(await ds.transaction((tx) => facade.removeAip(ctx, tx, aip.aipId))).toBe(3);
    expect(await ids()).toEqual([]);
    // Another tenant's job cannot remove them (the tenant filter of every statement).
    await ds.transaction((tx) => facade.indexRecords(ctx, tx, aip, once([recs])));
    expect(await ds.transaction((tx) => facade.removeAip(RequestContext.job('region-other', 'j-x'), tx, aip.aipId))).toBe(0);
    expect(await ids()).toHaveLength(3);
  });

  it('documents: a file named by a structured record is its attachment, other files are records of their own; missing attachments are findings', async () => {
    const dir = tempDir();
    const xml = canonicalXml(dir, 'documents', [{ id: 'd1', values: { title: 'Brev', date: '1998-05-14' } }]);
    writeFileSync(xml, readXmlWithAttachment(xml, ['scans/a.pdf', 'scans/missing.pdf']));
    mkdirSync(join(dir, 'scans'));
    writeFileSync(join(dir, 'scans/a.pdf'), '%PDF-1.4 a');
    writeFileSync(join(dir, 'scans/b.pdf'), '%PDF-1.4 b');
    const d = await deliver(app, T, 'documents', 'Skanning', [
      sourceFile(xml, 'representations/rep1/data/documents.xml'),
      sourceFile(join(dir, 'scans/a.pdf'), 'representations/rep1/data/scans/a.pdf'),
      sourceFile(join(dir, 'scans/b.pdf'), 'representations/rep1/data/scans/b.pdf'),
    ]);
    expect(d.records.map((r) => [r.recordId, r.attachments])).toEqual([
      ['d1', ['representations/rep1/data/scans/a.pdf', 'representations/rep1/data/scans/missing.pdf']],
      ['file:representations/rep1/data/scans/b.pdf', ['representations/rep1/data/scans/b.pdf']],
    ]);
    expect(d.findings).toEqual([expect.objectContaining({ code: 'RECORD_MISSING_ATTACHMENT', file: 'representations/rep1/data/documents.xml' })]);
  });

  it('downloads go through the file source port, after the access is logged without the file name', async () => {
    const opened: unknown[] = [];
    const source = {
      open: async (_ctx: RequestContext, f: unknown) => (opened.push(f), Readable.from([Buffer.from('%PDF-1.4 scan')])),
      // DIPs only; not used by single downloads.
      openMany: () => Readable.from([]),
    };
    const service = new RecordViewService(app.get(SearchTypes), app.get(RecordIndex), app.get(AuditFacade), source);
    const ctx = RequestContext.job(T, 'j-dl');
    const aip = { aipId: randomUUID(), deliveryId: 'd-dl', informationTypeId: 'documents', sourceSystem: 'Skanning', tier: 'intermediate' as const };
    const rec: CanonicalRecord = { recordId: 'scan-1', informationTypeId: 'documents', fields: { title: 'Brev', date: '1999-01-01' }, attachments: ['data/Andersson_Anna_brev.pdf'], sourceFile: 'data/scan.xml' };
    await app.get(DataSource).transaction((tx) => app.get(SearchFacade).indexRecords(ctx, tx, aip, once([[rec]])));
    const [{ id }] = (await app.get(DataSource).query(`SELECT id FROM record WHERE aip_id = $1`, [aip.aipId])) as Array<{ id: string }>;
    const reader = new RequestContext('dl', { kind: 'user', id: 'reader-dl', tenantId: T, grants: [{ role: Role.Reader, tenantId: T, informationTypeId: 'documents', tier: Tier.Intermediate }] });
    const file = await service.attachment(reader, id, 0);
    expect(file.fileName).toBe('Andersson_Anna_brev.pdf');
    expect(Buffer.concat(await file.stream.toArray()).toString()).toBe('%PDF-1.4 scan');
    expect(opened).toEqual([{ aipId: aip.aipId, tier: 'intermediate', logicalPath: 'data/Andersson_Anna_brev.pdf' }]);
    await expect(service.attachment(reader, id, 3)).rejects.toMatchObject({ code: 'RECORD_FILE_NOT_FOUND' });
    const rows = (await app.get(DataSource).query(`SELECT record_ids, details FROM audit_entry WHERE tenant_id = $1 AND action = 'download'`, [T])) as Array<{ record_ids: string[]; details: unknown }>;
    expect(rows).toEqual([{ record_ids: [id], details: { file: 'attachment 0' } }]);
    expect(JSON.stringify(rows)).not.toContain('Andersson');
  });

  it('column statistics (read through the definer function despite row-level security) send rare words through the full-text index', async () => {
    // The statistics cover every tenant's rows in the shared test database: outnumber them, so the word is common whatever ran before.
    const owner = await ownerDataSource();
    const [{ n: existing }] = (await owner.query(`SELECT count(*)::int AS n FROM record`)) as Array<{ n: number }>;
    const records: CanonicalRecord[] = Array.from({ length: Math.max(1200, 2 * existing + 200) }, (_, i) => ({
      recordId: `stat-${i}`,
      informationTypeId: 'registry',
      fields: { caseNumber: `ST ${i}`, registrationDate: '2021-01-01', title: `Ärende ${i}` },
      text: `vanligtord ärende nummer${i}`,
      sourceFile: 'stat.csv',
    }));
    const ctx = RequestContext.job(T, 'j-stat');
    const aip = { aipId: randomUUID(), deliveryId: 'd-stat', informationTypeId: 'registry', sourceSystem: 'Diariet', tier: 'intermediate' as const };
    await app.get(DataSource).transaction((tx) => app.get(SearchFacade).indexRecords(ctx, tx, aip, once([records])));
    try {
      await owner.query('ANALYZE record');
    } finally {
      await owner.destroy();
    }
    const index = app.get(RecordIndex) as PgRecordIndex;
    const frequencies = (await app.get(DataSource).query(`SELECT lexeme, frequency FROM record_common_lexemes()`)) as Array<{ lexeme: string; frequency: number }>;
    expect(frequencies.find((f) => f.lexeme === 'vanligtord')?.frequency).toBeGreaterThan(0.5);
    const plan = (query: string) => ({ tenantId: T, informationTypeId: 'registry', tiers: ['intermediate'], filters: [{ kind: 'fulltext' as const, query }], sort: { field: 'registrationDate', column: 'record_date' as const, direction: 'desc' as const }, cursor: null, limit: 5, facets: [], blocks: null });
    const strategy = (query: string) => (index as unknown as { strategy(p: unknown): Promise<string> }).strategy(plan(query));
    expect(await strategy('vanligtord')).toBe('ordered');
    expect(await strategy('nummer77')).toBe('fenced');
    expect((await index.search(plan('nummer77'))).items.map((i) => i.fields.caseNumber)).toEqual(['ST 77']);
  });
});

async function* once<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

function readXmlWithAttachment(path: string, attachments: string[]): string {
  const text = readFileSync(path, 'utf8');
  return text.replace('  </record>', `${attachments.map((a) => `    <attachment path="${a}"/>`).join('\n')}\n  </record>`);
}
