import { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { generateDeliveries } from '@samarkiv/generator';
import { AuthFacade } from '../../src/auth/auth.facade';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { DeliveryBody, IngestHttpClient } from './ingest-http';
import { PIPELINE_ENV, SHARED_DIR } from './shared-dir';
import { startTestApp } from './test-app';
import { useTestEnvironment } from './test-env';
import { ownerDataSource } from './owner-data-source';
import { Session, TestHttp } from './http-session';

export const TENANT = 'region-orebro';

export interface LifecycleEnv {
  app: INestApplication;
  storageRoot: string;
  db: DataSource;
  http: TestHttp;
  producer: IngestHttpClient;
  /** Every delivery this test file made (to forget their objects at the end). */
  delivered: DeliveryBody[];
}

/** The demo users of the life cycle: a reader and a region archivist (intermediate), an authority archivist (final). */
export interface DemoSessions {
  anna: Session;
  bertil: Session;
  cecilia: Session;
}

export async function signInDemoUsers(http: TestHttp): Promise<DemoSessions> {
  const [anna, bertil, cecilia] = await Promise.all([http.login(TENANT, 'anna'), http.login(TENANT, 'bertil'), http.login(TENANT, 'cecilia')]);
  return { anna, bertil, cecilia };
}

/** A demo-mode app with a worker (deliveries run through the real pipeline) and a producer client. */
export async function startLifecycleApp(): Promise<LifecycleEnv> {
  const { storageRoot } = useTestEnvironment({
    DEMO_MODE: 'true',
    ...PIPELINE_ENV,
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const { app, url } = await startTestApp(ProcessRole.All);
  const system = RequestContext.system('test');
  await app.get(TenancyFacade).seedDemo(system);
  const client = await app.get(AuthFacade).createApiClient(system, TENANT, { name: `lifecycle-producer-${Date.now()}`, scopes: ['deliver'], informationTypes: ['patient-record'] });
  return { app, storageRoot, db: app.get(DataSource), http: new TestHttp(url), producer: new IngestHttpClient(url, client.token), delivered: [] };
}

/**
 * Closes the app and removes this file's objects from the shared demo tenant's preservation
 * catalogue and search index: their copies live in this file's temporary storage root (tests
 * that verify the whole tenant's storage would report them missing), and their records would
 * turn up in other files' searches of the demo tenant.
 */
export async function stopLifecycleApp(env: LifecycleEnv | undefined): Promise<void> {
  if (!env) return;
  await env.app.close();
  await forgetDeliveries(TENANT, env.delivered);
}

/** Removes delivered AIPs from the shared database's preservation catalogue and search index. */
export async function forgetDeliveries(tenantId: string, delivered: DeliveryBody[]): Promise<void> {
  const owner = await ownerDataSource();
  try {
    await owner.query(`DELETE FROM preservation_object WHERE tenant_id = $1 AND object_id = ANY($2::text[])`, [tenantId, delivered.map((d) => `urn:samarkiv:${tenantId}:aip:${d.aipId}`)]);
    // Generated patient records would show up in other files' searches of the demo tenant.
    await owner.query(`DELETE FROM record WHERE tenant_id = $1 AND aip_id = ANY($2::uuid[])`, [tenantId, delivered.map((d) => d.aipId)]);
  } finally {
    await owner.destroy();
  }
}

/** Generated C-CDA patient-record packages (zip), delivered and accepted, one per package. */
export async function deliverGenerated(env: Pick<LifecycleEnv, 'producer' | 'delivered'>, opts: { seed: string; records: number; perPackage: number; sourceSystem: string }): Promise<DeliveryBody[]> {
  const out = mkdtempSync(join(tmpdir(), 'samarkiv-lifecycle-'));
  const packages = await generateDeliveries({
    type: 'patient-record',
    format: 'ccda',
    records: opts.records,
    recordsPerPackage: opts.perPackage,
    seed: opts.seed,
    outDir: out,
    zip: true,
    sourceSystem: opts.sourceSystem,
    schemaCatalog: join(SHARED_DIR, 'schemas/catalog.xml'),
  });
  const deliveries: DeliveryBody[] = [];
  for (const p of packages) {
    const d = await env.producer.deliver(p.path, { informationType: 'patient-record', sourceSystem: opts.sourceSystem });
    if (d.outcome !== 'accepted') throw new Error(`delivery ${d.id} ended ${d.outcome}: ${JSON.stringify(d.findings.filter((f) => f.severity === 'error'))}`);
    deliveries.push(d);
    env.delivered.push(d);
  }
  return deliveries;
}

/** The storage locations of the test environment (the defaults: two file locations). */
export const locationDirs = (storageRoot: string) => ['primary', 'secondary'].map((l) => join(storageRoot, 'archive', l));

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The object root of an OCFL object in a storage location, found by its inventory (no layout knowledge). */
export function objectRootIn(locationDir: string, objectId: string): string | null {
  for (const file of walk(locationDir)) {
    const parts = relative(locationDir, file).split('/');
    // The root inventory, not a version's copy of it (v1/inventory.json).
    if (parts[parts.length - 1] !== 'inventory.json' || /^v\d+$/.test(parts[parts.length - 2] ?? '')) continue;
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as { id?: string }).id === objectId) return file.slice(0, -'/inventory.json'.length);
    } catch {
      // Not an inventory of ours (e.g. being written).
    }
  }
  return null;
}

/** Every file of an object root with its SHA-256, by path relative to the root. */
export function fileDigests(root: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const f of walk(root).sort()) result[relative(root, f)] = createHash('sha256').update(readFileSync(f)).digest('hex');
  return result;
}

/** Every file under a folder whose bytes contain the text. */
export function filesContaining(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return walk(dir).filter((f) => readFileSync(f).includes(needle));
}
