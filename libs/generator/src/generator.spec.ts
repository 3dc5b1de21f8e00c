import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SaxesParser } from 'saxes';
import { validatePackage } from '@samarkiv/information-package';
import { FormatIdentifier } from '@samarkiv/pronom';
import { SHARED_DIR } from '../../../test/support/shared-dir';
import { useTempDir } from '../../information-package/test/support/temp-dir';
import { generateDeliveries, GeneratedPackage, GenerateOptions } from './delivery.generator';
import { PatientRecordSource } from './patient-record.source';
import { luhnDigit } from './swedish-ids';
import { REGIONS } from './vocabulary/care';

const CATALOG = join(SHARED_DIR, 'schemas', 'catalog.xml');

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
const dataOf = (p: GeneratedPackage) => join(p.path, 'representations', 'rep1', 'data');
const digestOfData = (p: GeneratedPackage) =>
  files(dataOf(p))
    .sort()
    .map((f) => `${relative(dataOf(p), f)} ${createHash('sha256').update(readFileSync(f)).digest('hex')}`)
    .join('\n');

function validPnr(id: string): boolean {
  return /^\d{12}$/.test(id) && Number(id[11]) === luhnDigit(id.slice(2, 11));
}

describe('generated deliveries', () => {
  const tmp = useTempDir('samarkiv-generate');
  const gen = (o: Partial<GenerateOptions> & Pick<GenerateOptions, 'type' | 'format'>, sub: string) =>
    generateDeliveries({ records: 40, seed: 'test', outDir: join(tmp(), sub), schemaCatalog: CATALOG, ...o });

  it('computes the personnummer check digit (Luhn) as Skatteverket does', () => {
    expect(luhnDigit('121212121')).toBe(2); // 19121212-1212, Tolvan Tolvansson
    expect(luhnDigit('811218987')).toBe(6); // 19811218-9876
  });

  it('gives valid personnummer and samordningsnummer, the same document whatever the package size', () => {
    const source = new PatientRecordSource('seed-1', REGIONS[0], 5000);
    const docs = Array.from({ length: 2000 }, (_, i) => source.document(i));
    expect(docs.every((d) => validPnr(d.patient.identity.id))).toBe(true);
    const coordination = docs.filter((d) => d.patient.identity.kind === 'samordningsnummer');
    expect(coordination.length).toBeGreaterThan(0);
    expect(coordination.every((d) => Number(d.patient.identity.id.slice(6, 8)) > 60)).toBe(true);
    // Patients recur: a timeline per patient, not one document each.
    expect(new Set(docs.map((d) => d.patient.identity.id)).size).toBeLessThan(docs.length / 3);
    expect(new Set(docs.map((d) => d.type.loinc)).size).toBeGreaterThanOrEqual(8);
    expect(new PatientRecordSource('seed-1', REGIONS[0], 5000).document(1234)).toEqual(docs[1234]);
    expect(new PatientRecordSource('seed-2', REGIONS[0], 5000).document(1234)).not.toEqual(docs[1234]);
  });

  it('writes C-CDA SIPs that pass our validator, with well-formed documents and identifiable attachments', async () => {
    const packages = await gen({ type: 'patient-record', format: 'ccda', records: 120, recordsPerPackage: 50 }, 'ccda');
    expect(packages.map((p) => p.records)).toEqual([50, 50, 20]);
    // The built-in table (no signature file) knows PDF/A by its XMP part, TIFF and JPEG.
    const identifier = await FormatIdentifier.create({});
    const puids = new Set<string>();
    for (const p of packages) {
      const report = await validatePackage(p.path, { catalog: CATALOG });
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      for (const f of files(dataOf(p))) {
        if (f.endsWith('.xml')) {
          const xml = readFileSync(f, 'utf8');
          const parser = new SaxesParser({ xmlns: true });
          expect(() => parser.write(xml).close()).not.toThrow();
          expect(xml).toMatch(/<id root="1\.2\.752\.129\.2\.1\.3\.[13]" extension="\d{12}"\/>/);
        } else {
          puids.add((await identifier.identifyFile(f)).puid ?? 'none');
        }
      }
    }
    expect([...puids].sort()).toEqual(expect.arrayContaining(['fmt/354']));
    expect([...puids].every((p) => ['fmt/354', 'fmt/353', 'fmt/43'].includes(p))).toBe(true);
  });

  it('writes FHIR R4 document bundles with the Swedish identifier systems', async () => {
    const [p] = await gen({ type: 'patient-record', format: 'fhir', records: 10 }, 'fhir');
    const bundles = files(dataOf(p)).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(f, 'utf8')));
    expect(bundles).toHaveLength(10);
    for (const b of bundles) {
      expect(b).toMatchObject({ resourceType: 'Bundle', type: 'document', entry: expect.any(Array) });
      expect(b.entry[0].resource.resourceType).toBe('Composition');
      const patient = b.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient').resource;
      expect(patient.identifier[0].system).toMatch(/^urn:oid:1\.2\.752\.129\.2\.1\.3\.[13]$/);
      expect(validPnr(patient.identifier[0].value)).toBe(true);
      const refs = JSON.stringify(b).match(/urn:uuid:[0-9a-f-]{36}/g) ?? [];
      const full = new Set(b.entry.map((e: { fullUrl: string }) => e.fullUrl));
      expect(refs.filter((r) => r !== b.identifier.value).every((r) => full.has(r))).toBe(true);
    }
  });

  it('writes finance and registry CSV as the delivery guide asks (semicolons, Swedish column names), one row per record', async () => {
    const [finance] = await gen({ type: 'finance', format: 'csv', records: 250 }, 'finance');
    const lines = readFileSync(join(dataOf(finance), 'finance.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Verifikationsnummer;Datum;Konto;Belopp;Motpart;Organisationsnummer;Fakturanummer;Text');
    expect(lines[1].split(';')[3]).toMatch(/^-?\d+,\d{2}$/);
    expect(lines).toHaveLength(251);
    const [registry] = await gen({ type: 'registry', format: 'csv', records: 30 }, 'registry');
    const reg = readFileSync(join(dataOf(registry), 'registry.csv'), 'utf8');
    expect(reg.split('\r\n')[0]).toBe('Diarienummer;Registreringsdatum;Ärendemening;Parter;Enhet;Handläggare;Handlingar;Sekretess;Text');
    expect((await validatePackage(registry.path, { catalog: CATALOG })).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('is deterministic for a seed: same package ids and the same bytes in every data file', async () => {
    const a = await gen({ type: 'patient-record', format: 'ccda', records: 30 }, 'det-a');
    const b = await gen({ type: 'patient-record', format: 'ccda', records: 30 }, 'det-b');
    const c = await gen({ type: 'patient-record', format: 'ccda', records: 30, seed: 'other' }, 'det-c');
    expect(a.map((p) => p.objid)).toEqual(b.map((p) => p.objid));
    expect(digestOfData(a[0])).toBe(digestOfData(b[0]));
    expect(digestOfData(a[0])).not.toBe(digestOfData(c[0]));
  });

  it('refuses a format the type does not have and a bad record count, writing nothing', async () => {
    await expect(gen({ type: 'finance', format: 'ccda' }, 'bad')).rejects.toThrow(/not available for finance/);
    await expect(gen({ type: 'registry', format: 'csv', records: 0 }, 'bad')).rejects.toThrow(/records must be/);
  });
});
