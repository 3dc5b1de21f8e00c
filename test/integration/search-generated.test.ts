import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { csvHeader, FINANCE_COLUMNS, FinanceSource, PatientRecordSource, REGISTRY_COLUMNS, RegistrySource, registryRow, voucherRow, writeCcda, writeFhirBundle } from '@samarkiv/generator';
import { REGIONS } from '../../libs/generator/src/vocabulary/care';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { deliver, sourceFile, tempDir } from '../support/search-fixtures';
import { startTestApp } from '../support/test-app';
import { uniq, useTestEnvironment } from '../support/test-env';

/** What `samarkiv generate` writes maps cleanly through the shipped mappings (no findings at all). */
describe('generated deliveries through the shipped mappings', () => {
  jest.setTimeout(120_000);
  let app: INestApplication;
  const T = `region-g-${uniq()}`;
  const region = REGIONS[0];

  beforeAll(async () => {
    useTestEnvironment();
    ({ app } = await startTestApp(ProcessRole.Worker));
    await app.get(TenancyFacade).createTenant(RequestContext.system('test'), { id: T, name: 'Gen', organisationNumber: '232100-0001', archiveAuthorityName: 'Arkiv' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['C-CDA R2.1', 'xml', writeCcda],
    ['FHIR R4 JSON', 'json', writeFhirBundle],
  ] as const)('%s patient records: every document maps with patient, date, unit, type and text', async (_name, ext, write) => {
    const dir = tempDir();
    const source = new PatientRecordSource('seed-1', region, 40);
    const files = Array.from({ length: 40 }, (_, i) => {
      const path = join(dir, `doc-${i}.${ext}`);
      writeFileSync(path, write(source.document(i)));
      return sourceFile(path, `representations/rep1/data/doc-${i}.${ext}`);
    });
    const d = await deliver(app, T, 'patient-record', source.sourceSystem, files);
    expect(d.findings).toEqual([]);
    expect(d.records.length).toBeGreaterThanOrEqual(40);
    for (const r of d.records) {
      expect(r.patient?.id).toMatch(/^\d{12}$/);
      expect(r.fields).toEqual(expect.objectContaining({ date: expect.any(String), careUnit: expect.any(String), documentType: expect.any(String) }));
    }
    expect(d.indexed).toBe(d.records.length);
  });

  it('finance and registry CSV with the field names as header', async () => {
    const dir = tempDir();
    const finance = new FinanceSource('seed-1', region);
    writeFileSync(join(dir, 'vouchers.csv'), csvHeader(FINANCE_COLUMNS) + Array.from({ length: 50 }, (_, i) => voucherRow(finance.voucher(i))).join(''));
    const f = await deliver(app, T, 'finance', 'Ekonomi', [sourceFile(join(dir, 'vouchers.csv'), 'data/vouchers.csv')]);
    expect(f.findings).toEqual([]);
    expect(f.indexed).toBe(50);
    const registry = new RegistrySource('seed-1', region);
    writeFileSync(join(dir, 'cases.csv'), csvHeader(REGISTRY_COLUMNS) + Array.from({ length: 30 }, (_, i) => registryRow(registry.registryCase(i))).join(''));
    const r = await deliver(app, T, 'registry', 'Diarium', [sourceFile(join(dir, 'cases.csv'), 'data/cases.csv')]);
    expect(r.findings).toEqual([]);
    expect(r.indexed).toBe(30);
    expect(r.records.some((x) => Array.isArray(x.fields.parties) && x.fields.parties.length > 1)).toBe(true);
  });
});
