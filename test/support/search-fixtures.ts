import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CanonicalRecord } from '@samarkiv/records';
import { RequestContext } from '../../src/platform/context';
import { AipIndexRef, RecordSourceFile, SearchFacade } from '../../src/search/search.facade';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { TestHttp } from './http-session';
import { SHARED_DIR } from './shared-dir';
import { startTestApp } from './test-app';
import { useTestEnvironment } from './test-env';

export const CCDA_DIR = join(SHARED_DIR, 'samples/ehr/ccda');

/** A real C-CDA sample re-issued for a Swedish patient (personnummer root), for cross-format tests. */
export function swedishCcda(dir: string, personnummer: string, name = 'swedish.xml'): string {
  const text = readFileSync(join(CCDA_DIR, 'Amrita/Adirondack_Susanne_808080_CCD_201709180916.xml'), 'utf8').replace(
    '<id root="2.16.840.1.113883.3.3619.2" extension="55"/>',
    `<id root="1.2.752.129.2.1.3.1" extension="${personnummer}"/>`,
  );
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export interface CanonicalRecordInput {
  id: string;
  values: Record<string, string | string[]>;
  issuer?: string;
}

/** A canonical XML file (docs/delivery format) for any type. */
export function canonicalXml(dir: string, typeId: string, records: CanonicalRecordInput[], name = `${typeId}.xml`): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = records
    .map((r) => {
      const fields = Object.entries(r.values)
        .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `    <${k}${k === 'patientId' && r.issuer ? ` issuer="${r.issuer}"` : ''}>${esc(x)}</${k}>`))
        .join('\n');
      return `  <record id="${r.id}">\n${fields}\n  </record>`;
    })
    .join('\n');
  const path = join(dir, name);
  writeFileSync(path, `<?xml version="1.0" encoding="UTF-8"?>\n<records xmlns="urn:samarkiv:records:${typeId}:1" sourceSystem="test">\n${body}\n</records>\n`);
  return path;
}

/** The API in demo mode with the demo regions and people seeded, and an HTTP client for it. */
export async function startDemoApi(): Promise<{ app: INestApplication; url: string; http: TestHttp }> {
  useTestEnvironment({ DEMO_MODE: 'true', RATE_LIMIT_PER_MINUTE: '10000' });
  const { app, url } = await startTestApp(ProcessRole.Api);
  await app.get(TenancyFacade).seedDemo(RequestContext.system('test'));
  return { app, url, http: new TestHttp(url) };
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'samarkiv-search-'));

export const sourceFile = (path: string, logicalPath: string): RecordSourceFile => ({ path, logicalPath, puid: null, mime: null });

async function* once<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

/**
 * What ingest does for one delivery: extract records from the files, then index them in one
 * transaction as one AIP. Returns the AIP id and the findings.
 */
export async function deliver(
  app: INestApplication,
  tenantId: string,
  informationTypeId: string,
  sourceSystem: string,
  files: RecordSourceFile[],
  tier: 'intermediate' | 'final' = 'intermediate',
) {
  const facade = app.get(SearchFacade);
  const ctx = RequestContext.job(tenantId, `test-${randomUUID()}`);
  const batches: CanonicalRecord[][] = [];
  const result = await facade.extractRecords(ctx, { informationTypeId, sourceSystem, files }, async (b) => void batches.push(b));
  const aip: AipIndexRef = { aipId: randomUUID(), deliveryId: `delivery-${randomUUID()}`, informationTypeId, sourceSystem, tier };
  const indexed = await app.get(DataSource).transaction((tx) => facade.indexRecords(ctx, tx, aip, once(batches)));
  return { aipId: aip.aipId, indexed, findings: result.findings, records: batches.flat() };
}

/** Indexes records directly (no files), as a rebuild from records.jsonl does. */
export async function indexDirect(app: INestApplication, tenantId: string, informationTypeId: string, records: CanonicalRecord[], tier: 'intermediate' | 'final' = 'intermediate') {
  const facade = app.get(SearchFacade);
  const ctx = RequestContext.job(tenantId, `test-${randomUUID()}`);
  const aip: AipIndexRef = { aipId: randomUUID(), deliveryId: `delivery-${randomUUID()}`, informationTypeId, sourceSystem: 'generated', tier };
  const indexed = await app.get(DataSource).transaction((tx) => facade.indexRecords(ctx, tx, aip, once([records])));
  return { aipId: aip.aipId, indexed };
}
