import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalXsd, CanonicalRecord, FindingSink, readCanonicalXml, readCsv, RecordFinding } from '@samarkiv/records';
import type { CsvOptions } from '@samarkiv/records';
import { loadInformationTypes } from '../../src/tenancy/infrastructure/information-type.loader';
import { loadMappings } from '../../src/search/infrastructure/mapping.loader';
import { repoRoot } from '../support/shared-dir';

const ROOT = repoRoot();
const DELIVERY = join(ROOT, 'docs/delivery');
const EXAMPLES = join(DELIVERY, 'examples');
const types = loadInformationTypes(join(ROOT, 'config/information-types'));
const mappings = loadMappings(join(ROOT, 'config/mappings'));

async function collect(reader: AsyncIterable<CanonicalRecord>): Promise<CanonicalRecord[]> {
  const out: CanonicalRecord[] = [];
  for await (const r of reader) out.push(r);
  return out;
}

/** The published delivery format: schemas generated from the type definitions, examples that pass them. */
describe('canonical delivery formats (docs/delivery)', () => {
  it.each(types.map((t) => [t.id]))('the published %s.xsd is the one generated from the type definition', (id) => {
    const type = types.find((t) => t.id === id)!;
    const expected = canonicalXsd(type);
    const file = join(DELIVERY, `${id}.xsd`);
    // Regenerate after changing a type: UPDATE_DELIVERY_SCHEMAS=1 npx jest records-delivery-docs
    if (process.env.UPDATE_DELIVERY_SCHEMAS === '1') writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it.each(types.map((t) => [t.id]))('the %s example validates against its schema (xmllint) and reads without findings', async (id) => {
    const example = join(EXAMPLES, `${id}.xml`);
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(DELIVERY, `${id}.xsd`), example], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toContain('validates');
    expect(r.status).toBe(0);
    const findings = new FindingSink(`${id}.xml`);
    const records = await collect(readCanonicalXml({ path: example, logicalPath: `${id}.xml` }, types.find((t) => t.id === id)!, {}, findings));
    expect(findings.findings).toEqual([]);
    expect(records.length).toBeGreaterThan(0);
  });

  it('the schema rejects what the reader reports: unknown elements, a date-time without offset, a missing id, a bad personnummer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canonical-'));
    const bad = join(dir, 'bad.xml');
    writeFileSync(
      bad,
      `<records xmlns="urn:samarkiv:records:patient-record:1"><record id="a"><patientId issuer="1.2.752.129.2.1.3.1">191212121213</patientId><date>2016-03-01T10:15:00</date><shoeSize>42</shoeSize></record><record><title>x</title></record></records>`,
    );
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(DELIVERY, 'patient-record.xsd'), bad], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    const findings = new FindingSink('bad.xml');
    await collect(readCanonicalXml({ path: bad, logicalPath: 'bad.xml' }, types.find((t) => t.id === 'patient-record')!, {}, findings));
    const codes = findings.findings.map((f: RecordFinding) => f.code).sort();
    expect(codes).toEqual(['RECORD_INVALID_PERSONAL_ID', 'RECORD_INVALID_VALUE', 'RECORD_MISSING_FIELD', 'RECORD_UNKNOWN_FIELD']);
    expect(JSON.stringify(findings.findings)).not.toContain('191212121213');
  });

  it('refuses a file of another information type and a non-canonical root', async () => {
    const findings = new FindingSink('finance.xml');
    await collect(readCanonicalXml({ path: join(EXAMPLES, 'finance.xml'), logicalPath: 'finance.xml' }, types.find((t) => t.id === 'patient-record')!, {}, findings));
    expect(findings.findings).toEqual([expect.objectContaining({ code: 'RECORD_WRONG_INFORMATION_TYPE', message: 'the file holds finance records, not patient-record' })]);
  });

  it('reads the CSV examples through the shipped column mappings (decimal comma, compact dates, multi-valued cells)', async () => {
    for (const id of ['finance', 'registry']) {
      const mapping = mappings.find((m) => m.id === `${id}.csv`)!;
      const findings = new FindingSink(`${id}.csv`);
      const records = await collect(readCsv({ path: join(EXAMPLES, `${id}.csv`), logicalPath: `${id}.csv` }, types.find((t) => t.id === id)!, mapping.options as unknown as CsvOptions, findings));
      expect(findings.findings).toEqual([]);
      if (id === 'finance') {
        expect(records.map((r) => [r.recordId, r.fields.amount, r.fields.date])).toEqual([
          ['V2016-1001', 1250.5, '2016-02-01'],
          ['V2016-1002', -89, '2016-02-03'],
        ]);
        expect(records[0].text).toBe('Läkemedel februari');
      } else {
        expect(records[0].fields.parties).toEqual(['Leverantör AB', 'Region Exempel']);
      }
    }
  });

  it('reports CSV problems by row and column name, never by value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const finance = types.find((t) => t.id === 'finance')!;
    const options = mappings.find((m) => m.id === 'finance.csv')!.options as unknown as CsvOptions;
    writeFileSync(join(dir, 'a.csv'), 'Verifikationsnummer;Datum\nV1;2016-01-01\n');
    const missing = new FindingSink('a.csv');
    expect(await collect(readCsv({ path: join(dir, 'a.csv'), logicalPath: 'a.csv' }, finance, options, missing))).toEqual([]);
    expect(missing.findings[0].message).toMatch(/header lacks the mapped column\(s\) "Konto"/);
    writeFileSync(join(dir, 'b.csv'), readFileSync(join(EXAMPLES, 'finance.csv'), 'utf8').replace('1 250,50', 'tolv kronor'));
    const bad = new FindingSink('b.csv');
    await collect(readCsv({ path: join(dir, 'b.csv'), logicalPath: 'b.csv' }, finance, options, bad));
    expect(bad.findings).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_VALUE', message: 'line 2: field amount is not a valid amount' })]);
  });

  it('every example file is used by a test', () => {
    expect(readdirSync(EXAMPLES).sort()).toEqual(['documents.xml', 'finance.csv', 'finance.xml', 'patient-record.xml', 'registry.csv', 'registry.xml']);
  });
});
