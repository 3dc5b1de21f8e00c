import { INestApplication } from '@nestjs/common';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSip } from '@samarkiv/information-package';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { AuthFacade } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { sipOptions, tempDir } from '../../libs/information-package/src/writer/testing/fixtures.test-helper';
import { IngestHttpClient } from '../support/ingest-http';
import { SHARED_DIR } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { uniq, useTestEnvironment } from '../support/test-env';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');
const HEADER = 'Verifikationsnummer;Datum;Konto;Belopp;Motpart;Organisationsnummer;Fakturanummer;Text\n';
const row = (n: number, amount = '1 250,50', text = 'Läkemedel') => `V${n};2016-02-01;4010;${amount};Apoteket AB;556131-3153;F-${n};${text}\n`;

/** A finance SIP whose ledger exports are the given CSV files. */
async function financeSip(objid: string, csvFiles: Record<string, Buffer | string>): Promise<Buffer> {
  const source = tempDir('csv-src');
  mkdirSync(join(source, 'ekonomi'), { recursive: true });
  for (const [name, content] of Object.entries(csvFiles)) writeFileSync(join(source, 'ekonomi', name), content);
  const sip = await buildSip(sipOptions(tempDir('csv-sip'), source, { objid, format: 'zip', schemaCatalog: CATALOG }));
  return readFileSync(sip.path);
}

/**
 * Malformed delimited text in a delivery is the producer's to fix: the delivery is rejected and
 * its signed receipt names each file, the line and what is wrong with the finding's code, never
 * an internal error, a stack trace or the cell's content.
 */
describe('ingest of malformed CSV over HTTP', () => {
  let app: INestApplication;
  let producer: IngestHttpClient;
  const tenant = `region-csv-${uniq()}`;

  beforeAll(async () => {
    useTestEnvironment({ XML_SCHEMA_CATALOG: CATALOG, RATE_LIMIT_PER_MINUTE: '100000' });
    let url: string;
    ({ app, url } = await startTestApp(ProcessRole.All));
    const system = RequestContext.system('test');
    await app.get(TenancyFacade).createTenant(system, { id: tenant, name: tenant, organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet' });
    producer = new IngestHttpClient(url, (await app.get(AuthFacade).createApiClient(system, tenant, { name: 'ekonomi', scopes: ['deliver', 'receipts'], informationTypes: ['finance'] })).token);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('rejects the delivery with one finding per broken file: file, line, what is wrong, code', async () => {
    const sip = await financeSip(`csv-bad-${uniq()}`, {
      'a-unclosed.csv': HEADER + row(1) + row(2, '10,00', '"Hemlig Patientuppgift') + row(3),
      'b-columns.csv': HEADER + row(4) + 'V5;2016-02-02;4010;99,00\n' + row(6),
      'c-decimal.csv': HEADER + row(7) + row(8, '12,5,0'),
      'd-encoding.csv': Buffer.concat([Buffer.from(HEADER + row(9)), Buffer.from('V10;2016-02-01;4010;1,00;Apoteket AB;556131-3153;F-10;'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]),
      'e-good.csv': HEADER + row(11),
      // csv-parse throws this one without a CSV_ code: it used to end the delivery as INGEST-INTERNAL.
      'f-quote.csv': HEADER + row(12, '1,00', 'Hemlig "uppgift"'),
    });
    const done = await producer.deliver(sip, { informationType: 'finance', sourceSystem: 'Raindance' });
    expect(done).toMatchObject({ stage: 'rejected', outcome: 'rejected' });
    const errors = done.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.code)).not.toContain('INGEST-INTERNAL');
    const byFile = (name: string) => errors.filter((f) => f.location.endsWith(`/ekonomi/${name}`));
    expect(byFile('a-unclosed.csv')).toEqual([expect.objectContaining({ stage: 'extracting', code: 'RECORD_INVALID_CSV', message: expect.stringMatching(/^line 3: a quoted cell .* never closed/) })]);
    expect(byFile('b-columns.csv')).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_CSV', message: expect.stringMatching(/^line 3: the row has 4 cells but the header has 8/) })]);
    expect(byFile('c-decimal.csv')).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_VALUE', message: 'line 3: field amount is not a valid amount' })]);
    expect(byFile('d-encoding.csv')).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_CSV', message: 'line 3: the text is not valid UTF-8; export the file as UTF-8' })]);
    expect(byFile('e-good.csv')).toEqual([]);
    expect(byFile('f-quote.csv')).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_CSV', message: expect.stringMatching(/^line 2: column 8 \("Text"\) has a quote inside an unquoted value/) })]);

    const res = await producer.receipt(done.id);
    expect(res.status).toBe(200);
    const receipt = (await res.json()) as { outcome: string; aip: unknown; findings: Array<{ code: string; location: string; message: string }> };
    expect(receipt.outcome).toBe('rejected');
    expect(receipt.aip).toBeNull();
    expect(receipt.findings).toEqual(expect.arrayContaining(errors.map((f) => expect.objectContaining({ code: f.code, location: f.location, message: f.message }))));
    const text = JSON.stringify(receipt);
    expect(text).not.toMatch(/Hemlig|Error:|\bat .+\.(js|ts):\d+|CsvError/);
  });
});
