import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { INestApplication } from '@nestjs/common';
import type { CanonicalRecord } from '@samarkiv/records';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext, Role, Tier } from '../../src/platform/context';
import { RecordSearchService } from '../../src/search/application/record-search.service';
import { SearchFacade } from '../../src/search/search.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { canonicalXml, CCDA_DIR, deliver, sourceFile, tempDir } from '../support/search-fixtures';
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
    expect(other.findings).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_CSV' })]);
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
});

function readXmlWithAttachment(path: string, attachments: string[]): string {
  const text = readFileSync(path, 'utf8');
  return text.replace('  </record>', `${attachments.map((a) => `    <attachment path="${a}"/>`).join('\n')}\n  </record>`);
}
