import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSip, SoftwareAgent } from '@samarkiv/information-package';
import { stableUuid } from './prng';
import { findFont, jpegAttachment, pdfAttachment, tiffAttachment } from './attachments';
import { FinanceSource, RegistrySource } from './administration.source';
import { PatientRecordSource } from './patient-record.source';
import { writeCcda } from './formats/ccda.writer';
import { writeFhirBundle } from './formats/fhir.writer';
import { csvHeader, FINANCE_COLUMNS, REGISTRY_COLUMNS, registryRow, voucherRow } from './formats/csv.writer';
import { PatientDocument } from './model';
import { Region, REGIONS } from './vocabulary/care';

export type GeneratedType = 'patient-record' | 'finance' | 'registry';
export type GeneratedFormat = 'ccda' | 'fhir' | 'csv';

/** Which source formats each information type can be generated in. */
export const FORMATS_BY_TYPE: Record<GeneratedType, readonly GeneratedFormat[]> = {
  'patient-record': ['ccda', 'fhir'],
  finance: ['csv'],
  registry: ['csv'],
};

export const MAX_RECORDS = 10_000_000;

export interface GenerateOptions {
  type: GeneratedType;
  format: GeneratedFormat;
  records: number;
  seed: string;
  outDir: string;
  /** Region id from the built-in list (default region-orebro). */
  region?: string;
  /** Records per SIP; default 10,000 documents or 100,000 CSV rows. */
  recordsPerPackage?: number;
  zip?: boolean;
  /** TrueType font embedded in PDF/A attachments; found among the system's fonts when unset. */
  fontPath?: string;
  schemaCatalog?: string;
  sourceSystem?: string;
  software?: SoftwareAgent;
  onProgress?: (recordsDone: number) => void;
}

export interface GeneratedPackage {
  objid: string;
  path: string;
  records: number;
  files: number;
  bytes: number;
}

export class GeneratorError extends Error {}

/**
 * Writes `records` records as one or more E-ARK SIPs (FGS 2.0). Each package is written from a
 * staging folder that holds only that package, so memory and scratch space stay bounded by the
 * package size whatever the total.
 */
export async function generateDeliveries(opts: GenerateOptions): Promise<GeneratedPackage[]> {
  const region = regionOf(opts.region);
  if (!FORMATS_BY_TYPE[opts.type]?.includes(opts.format)) {
    throw new GeneratorError(`format ${opts.format} is not available for ${opts.type} (choose ${(FORMATS_BY_TYPE[opts.type] ?? []).join(', ')})`);
  }
  if (!Number.isInteger(opts.records) || opts.records < 1 || opts.records > MAX_RECORDS) throw new GeneratorError(`records must be 1 to ${MAX_RECORDS}`);
  const perPackage = opts.recordsPerPackage ?? (opts.format === 'csv' ? 100_000 : 10_000);
  if (!Number.isInteger(perPackage) || perPackage < 1) throw new GeneratorError('records per package must be a positive integer');
  const font = opts.type === 'patient-record' ? findFont(opts.fontPath) : undefined;
  if (opts.type === 'patient-record' && !font) {
    throw new GeneratorError('PDF/A attachments need a TrueType font to embed: install fonts-dejavu-core or pass --font <file.ttf>');
  }
  await mkdir(opts.outDir, { recursive: true });
  const packages: GeneratedPackage[] = [];
  const count = Math.ceil(opts.records / perPackage);
  let done = 0;
  for (let k = 0; k < count; k++) {
    const first = k * perPackage;
    const n = Math.min(perPackage, opts.records - first);
    const objid = `uuid-${stableUuid(`${opts.seed}/${region.id}/${opts.type}/${opts.format}/${perPackage}/${k}`)}`;
    const staging = join(opts.outDir, `.generating-${objid}`);
    await rm(staging, { recursive: true, force: true });
    try {
      const data = join(staging, 'data');
      await writeRecords(opts, region, font, data, first, n, () => opts.onProgress?.(++done));
      const built = await buildSip({
        objid,
        outputDir: opts.outDir,
        format: opts.zip ? 'zip' : 'folder',
        label: `${labelOf(opts.type)}, ${region.name}, paket ${k + 1} av ${count}`,
        representations: [{ name: 'rep1', sourceDir: data }],
        agents: {
          submittingAgent: { name: region.name, organisationNumber: orgNumber(region) },
          archivalCreator: { name: region.name, organisationNumber: orgNumber(region) },
        },
        submissionAgreement: `${region.id}/leveransöverenskommelse/${opts.type}`,
        referenceCode: `${region.id.toUpperCase()}/${opts.type}/${k + 1}`,
        software: opts.software,
        schemaCatalog: opts.schemaCatalog,
      });
      packages.push({ objid, path: built.path, records: n, files: built.files.length, bytes: built.bytes });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return packages;
}

async function writeRecords(opts: GenerateOptions, region: Region, font: string | undefined, dir: string, first: number, n: number, tick: () => void): Promise<void> {
  if (opts.type === 'patient-record') {
    const source = new PatientRecordSource(opts.seed, region, opts.records, opts.sourceSystem);
    await mkdir(join(dir, 'documents'), { recursive: true });
    for (let i = first; i < first + n; i++) {
      const doc = source.document(i);
      const attachment = doc.attachment ? await writeAttachment(opts.seed, doc, font!, dir) : undefined;
      const name = `${String(i + 1).padStart(8, '0')}-${doc.id}`;
      if (opts.format === 'ccda') await writeFile(join(dir, 'documents', `${name}.xml`), writeCcda(doc, attachment));
      else await writeFile(join(dir, 'documents', `${name}.json`), writeFhirBundle(doc, attachment));
      tick();
    }
    return;
  }
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${opts.type}.csv`);
  const rows: string[] = [csvHeader(opts.type === 'finance' ? FINANCE_COLUMNS : REGISTRY_COLUMNS)];
  const finance = new FinanceSource(opts.seed, region);
  const registry = new RegistrySource(opts.seed, region);
  let size = 0;
  let started = false;
  const flush = async () => {
    await writeFile(file, rows.join(''), { flag: started ? 'a' : 'w' });
    started = true;
    rows.length = 0;
    size = 0;
  };
  for (let i = first; i < first + n; i++) {
    const row = opts.type === 'finance' ? voucherRow(finance.voucher(i)) : registryRow(registry.registryCase(i));
    rows.push(row);
    size += row.length;
    if (size > 4 * 1024 * 1024) await flush();
    tick();
  }
  await flush();
}

/** Attachments live beside the documents; the document refers to them relative to itself. */
async function writeAttachment(seed: string, doc: PatientDocument, font: string, dir: string): Promise<string> {
  await mkdir(join(dir, 'attachments'), { recursive: true });
  const ext = doc.attachment === 'pdf' ? 'pdf' : doc.attachment === 'tiff' ? 'tif' : 'jpg';
  const bytes = doc.attachment === 'pdf' ? await pdfAttachment(seed, doc.index, font) : doc.attachment === 'tiff' ? tiffAttachment(seed, doc.index) : jpegAttachment(seed, doc.index);
  await writeFile(join(dir, 'attachments', `${doc.id}.${ext}`), bytes);
  return `../attachments/${doc.id}.${ext}`;
}

function regionOf(id = 'region-orebro'): Region {
  const region = REGIONS.find((r) => r.id === id);
  if (!region) throw new GeneratorError(`unknown region ${id} (choose ${REGIONS.map((r) => r.id).join(', ')})`);
  return region;
}

const orgNumber = (r: Region) => `${r.orgNumber.slice(0, 6)}-${r.orgNumber.slice(6)}`;
const labelOf = (t: GeneratedType) => ({ 'patient-record': 'Journalhandlingar', finance: 'Ekonomiska verifikationer', registry: 'Diarieförda ärenden' })[t];
