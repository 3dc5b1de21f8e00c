import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { generateDeliveries } from '@samarkiv/generator';
import { AppModule } from '../../src/app.module';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { resetEnvironmentCache } from '../../src/platform/config/settings';
import { RequestContext } from '../../src/platform/context';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { runMigrations } from '../../src/platform/database/migration.runner';
import { createTestDatabase, dropTestDatabase } from '../../src/platform/database/test-database';
import { AuthFacade } from '../../src/auth/auth.facade';
import { IngestFacade } from '../../src/ingest/ingest.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { cleanEnv, runCli } from '../support/cli';
import { IngestHttpClient } from '../support/ingest-http';
import { SHARED_DIR } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { uniq, useTestEnvironment } from '../support/test-env';

const CATALOG = join(SHARED_DIR, 'schemas', 'catalog.xml');

/** What the catalogue and the index hold for one tenant, in a comparable order. */
async function snapshot(url: string, tenant: string) {
  const ds = await new DataSource(dataSourceOptions(url, { poolSize: 1 })).initialize();
  try {
    const q = (sql: string) => ds.query(sql, [tenant]) as Promise<unknown[]>;
    return {
      deliveries: await q(`SELECT id, information_type_id, source_system, submission_agreement, sip_objid, sip_kind, aip_id, aip_version, outcome FROM delivery WHERE tenant_id = $1 AND outcome = 'accepted' ORDER BY id`),
      aips: await q(`SELECT id, object_id, delivery_id, sip_objid, information_type_id, source_system, tier, version, stored_version, file_count, total_bytes, record_count, status FROM aip WHERE tenant_id = $1 ORDER BY id`),
      records: await q(`SELECT id, aip_id, delivery_id, information_type_id, tier, source_record_id, source_file, patient_id, patient_issuer, record_date, fields, body, attachments FROM record WHERE tenant_id = $1 ORDER BY id`),
      objects: await q(`SELECT object_id, status, head, file_count, total_bytes, inventory_digest FROM preservation_object WHERE tenant_id = $1 ORDER BY object_id`),
      copies: await q(`SELECT object_id, location, status, head FROM stored_copy WHERE tenant_id = $1 ORDER BY object_id, location`),
      files: await q(`SELECT object_id, content_path, digest, size FROM preservation_file WHERE tenant_id = $1 ORDER BY object_id, content_path`),
    };
  } finally {
    await ds.destroy();
  }
}

/** The proof that the archive does not depend on its database: a new database rebuilt from storage alone. */
describe('samarkiv rebuild --from-storage', () => {
  const tenant = `region-rb-${uniq()}`;
  const rebuiltDb = `samarkiv_test_rebuild_${process.pid}_${Date.now().toString(36)}`;
  const admin = process.env.TEST_RUN_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const work = mkdtempSync(join(tmpdir(), 'samarkiv-rebuild-'));
  let env: { storageRoot: string; queuePrefix: string };
  let rebuiltUrl: string;
  let second: INestApplicationContext | undefined;

  afterAll(async () => {
    await second?.close();
    await dropTestDatabase(admin, rebuiltDb).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('recreates deliveries, AIPs, the preservation catalogue and the search index exactly; a second run changes nothing', async () => {
    env = useTestEnvironment({ XML_SCHEMA_CATALOG: CATALOG, RATE_LIMIT_PER_MINUTE: '100000' });
    const first: { app: INestApplication; url: string } = await startTestApp(ProcessRole.All);
    const system = RequestContext.system('test');
    const newTenant = { id: tenant, name: `Region ${tenant}`, organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet' };
    try {
      await first.app.get(TenancyFacade).createTenant(system, newTenant);
      const { token } = await first.app.get(AuthFacade).createApiClient(system, tenant, { name: 'producer', scopes: ['deliver'], informationTypes: ['patient-record', 'finance'] });
      const producer = new IngestHttpClient(first.url, token);
      const ccda = await generateDeliveries({ type: 'patient-record', format: 'ccda', records: 24, recordsPerPackage: 12, seed: tenant, outDir: join(work, 'ccda'), zip: true });
      const csv = await generateDeliveries({ type: 'finance', format: 'csv', records: 40, seed: tenant, outDir: join(work, 'csv'), zip: true });
      for (const [pkg, type] of [...ccda.map((p) => [p, 'patient-record'] as const), ...csv.map((p) => [p, 'finance'] as const)]) {
        const d = await producer.deliver(readFileSync(pkg.path), { informationType: type, sourceSystem: 'Testjournal' });
        expect({ outcome: d.outcome, findings: d.findings.filter((f) => f.severity === 'error') }).toEqual({ outcome: 'accepted', findings: [] });
      }
    } finally {
      await first.app.close();
    }
    const before = await snapshot(process.env.TEST_RUN_DATABASE_URL!, tenant);
    expect(before.aips).toHaveLength(3);
    expect(before.records.length).toBe(64);

    // A new, empty database; the same storage. Tenants are configuration and are created again.
    rebuiltUrl = await createTestDatabase(admin, rebuiltDb);
    await runMigrations(rebuiltUrl);
    process.env.DATABASE_URL = rebuiltUrl;
    resetEnvironmentCache();
    second = await NestFactory.createApplicationContext(AppModule.forRole('cli'), { logger: false });
    await second.get(TenancyFacade).createTenant(system, newTenant);
    const [report] = await second.get(IngestFacade).rebuildFromStorage(system, { tenantIds: [tenant] });
    expect(report).toMatchObject({ tenantId: tenant, objects: 3, rebuilt: 3, alreadyCatalogued: 0, records: 64, failed: [] });

    const after = await snapshot(rebuiltUrl, tenant);
    expect(after.aips).toEqual(before.aips);
    expect(after.records).toEqual(before.records);
    expect(after.objects).toEqual(before.objects);
    expect(after.copies).toEqual(before.copies);
    expect(after.files).toEqual(before.files);
    expect(after.deliveries).toEqual(before.deliveries);

    // The command line runs the same rebuild; everything is there already, so nothing changes.
    const cli = runCli(['rebuild', '--from-storage', '--tenant', tenant, '--json'], cleanEnv({ DATABASE_URL: rebuiltUrl, REDIS_URL: process.env.REDIS_URL!, STORAGE_ROOT: env.storageRoot, QUEUE_PREFIX: env.queuePrefix, XML_SCHEMA_CATALOG: CATALOG }));
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual([expect.objectContaining({ objects: 3, rebuilt: 0, alreadyCatalogued: 3, failed: [] })]);
    expect(await snapshot(rebuiltUrl, tenant)).toEqual(after);
  });
});
