import { INestApplication } from '@nestjs/common';
import { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { FsStorageBackend, validateOcflObject } from '@samarkiv/storage';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { AuthFacade } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { PIPELINE } from '../../src/ingest/domain/delivery-stage';
import { spawnCli } from '../support/cli';
import { objectRoots, sipWithRegister } from '../support/ingest-fixtures';
import { IngestHttpClient } from '../support/ingest-http';
import { SHARED_DIR } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment, uniq, waitFor } from '../support/test-env';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');

/**
 * A real worker process (`samarkiv serve --role worker`) is killed with SIGKILL while a delivery
 * is in each pipeline stage; a new worker takes the job over. The delivery must end accepted with
 * exactly one AIP, one receipt, complete OCFL objects and an empty staging area.
 */
describe('ingest after a worker is killed at each stage', () => {
  let app: INestApplication;
  let url: string;
  let storageRoot: string;
  let db: DataSource;
  let worker: ChildProcess | undefined;
  let producer: IngestHttpClient;
  const tenant = `region-crash-${uniq()}`;
  let accepted = 0;

  const startWorker = () => {
    worker = spawnCli(['serve', '--role', 'worker'], { ...process.env, PORT: '0', SAMARKIV_ROLE: 'worker' });
    worker.stderr?.resume();
    worker.stdout?.resume();
  };
  const killWorker = async () => {
    const w = worker;
    if (!w || w.exitCode !== null) return;
    const exited = new Promise((r) => w.once('exit', r));
    w.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    ({ storageRoot } = useTestEnvironment({
      XML_SCHEMA_CATALOG: CATALOG,
      RATE_LIMIT_PER_MINUTE: '100000',
      // Killed jobs are taken over within seconds instead of the production 30 s.
      QUEUE_LOCK_DURATION_MS: '2000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
    }));
    ({ app, url } = await startTestApp(ProcessRole.Api));
    db = app.get(DataSource);
    const system = RequestContext.system('test');
    await app.get(TenancyFacade).createTenant(system, { id: tenant, name: tenant, organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet' });
    producer = new IngestHttpClient(url, (await app.get(AuthFacade).createApiClient(system, tenant, { name: 'crash', scopes: ['deliver'], informationTypes: ['documents'] })).token);
    startWorker();
  });

  afterAll(async () => {
    await killWorker();
    await app?.close();
  });

  it.each(PIPELINE.map((s) => [s]))('killed during %s', async (stage) => {
    const delivery = await producer.announceOk({ informationType: 'documents', sourceSystem: 'Filserver' });
    await producer.uploadAll(delivery, await sipWithRegister(`crash-${stage}-${uniq()}`, 20 * 1024 * 1024, 'crash'));
    await waitFor(async () => {
      const rows = await db.query(`SELECT 1 FROM delivery_event WHERE tenant_id = $1 AND delivery_id = $2 AND type = 'stage-started' AND stage = $3`, [tenant, delivery.id, stage]);
      return rows.length > 0;
    }, 120_000);
    await killWorker();
    startWorker();

    const done = await producer.waitForOutcome(delivery.id, 240_000);
    expect(done.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(done.outcome).toBe('accepted');
    accepted++;
    const [counts] = await db.query(
      `SELECT (SELECT count(*)::int FROM aip WHERE tenant_id = $1 AND delivery_id = $2) AS aips,
              (SELECT count(*)::int FROM receipt WHERE tenant_id = $1 AND delivery_id = $2) AS receipts`,
      [tenant, delivery.id],
    );
    expect(counts).toEqual({ aips: 1, receipts: 1 });
    expect(existsSync(join(storageRoot, 'tenants', tenant, 'staging', delivery.id))).toBe(false);

    // Every location holds one complete, valid OCFL object per accepted delivery, nothing half-written.
    const archive = join(storageRoot, 'archive');
    for (const location of readdirSync(archive)) {
      const root = join(archive, location);
      const objects = objectRoots(root);
      expect(objects).toHaveLength(accepted);
      const backend = new FsStorageBackend(root);
      for (const object of objects) {
        const report = await validateOcflObject(backend, object, { checkDigests: false });
        expect(report.findings).toEqual([]);
        expect(existsSync(join(root, object, 'v2'))).toBe(false);
      }
    }
  });
});
