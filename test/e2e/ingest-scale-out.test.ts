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
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { JobName } from '../../src/platform/queue/queue-names';
import { spawnCli } from '../support/cli';
import { objectRoots, sipWithRegister } from '../support/ingest-fixtures';
import { IngestHttpClient } from '../support/ingest-http';
import { SHARED_DIR } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { uniq, useTestEnvironment, waitFor } from '../support/test-env';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');
const DOCS = { informationType: 'documents', sourceSystem: 'Filserver' };

/**
 * Scale-out: one API process and TWO real worker processes (`samarkiv serve --role worker`) share
 * one PostgreSQL, one Redis and one storage root. Every delivery is processed exactly once (one
 * AIP, one receipt, each audit step once) whichever worker runs its stages; a worker killed with
 * SIGKILL mid-delivery leaves the delivery to the other, which finishes it.
 */
describe('ingest with two worker processes', () => {
  let app: INestApplication;
  let db: DataSource;
  let storageRoot: string;
  let producer: IngestHttpClient;
  const tenant = `region-scale-${uniq()}`;
  const workers = new Map<number, ChildProcess>();

  const startWorker = () => {
    const w = spawnCli(['serve', '--role', 'worker'], { ...process.env, PORT: '0', SAMARKIV_ROLE: 'worker' });
    w.stdout?.resume();
    w.stderr?.resume();
    workers.set(w.pid!, w);
    return w;
  };
  const kill = async (w: ChildProcess) => {
    if (w.exitCode !== null || w.signalCode !== null) return;
    const exited = new Promise((r) => w.once('exit', r));
    w.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    ({ storageRoot } = useTestEnvironment({
      XML_SCHEMA_CATALOG: CATALOG,
      RATE_LIMIT_PER_MINUTE: '100000',
      INGEST_TENANT_CONCURRENCY: '6',
      QUEUE_WORKER_CONCURRENCY: '3',
      // A killed worker's job is taken over within seconds instead of the production 30 s.
      QUEUE_LOCK_DURATION_MS: '2000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
    }));
    let url: string;
    ({ app, url } = await startTestApp(ProcessRole.Api));
    db = app.get(DataSource);
    const system = RequestContext.system('test');
    await app.get(TenancyFacade).createTenant(system, { id: tenant, name: tenant, organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet' });
    const { token } = await app.get(AuthFacade).createApiClient(system, tenant, { name: 'scale', scopes: ['deliver'], informationTypes: ['documents'] });
    producer = new IngestHttpClient(url, token);
    startWorker();
    startWorker();
    // Both workers listen on the ingest queue before anything is delivered.
    const queue = app.get(JobQueueService).queue(JobName.IngestUnpack);
    await waitFor(async () => (await queue.getWorkers()).length >= 2, 120_000);
  });

  afterAll(async () => {
    for (const w of workers.values()) await kill(w);
    await app?.close();
  });

  /** Which worker process (pid) ran each stage of a delivery, in order. */
  const stageWorkers = async (deliveryId: string) =>
    (await db.query(`SELECT stage, details->>'worker' AS worker FROM delivery_event WHERE tenant_id = $1 AND delivery_id = $2 AND type = 'stage-started' ORDER BY seq`, [tenant, deliveryId])) as Array<{
      stage: string;
      worker: string;
    }>;
  const pidOf = (worker: string) => Number(worker.split(':').pop());

  async function expectProcessedOnce(deliveryId: string): Promise<void> {
    const [counts] = await db.query(
      `SELECT (SELECT count(*)::int FROM aip WHERE tenant_id = $1 AND delivery_id = $2) AS aips,
              (SELECT count(*)::int FROM receipt WHERE tenant_id = $1 AND delivery_id = $2) AS receipts`,
      [tenant, deliveryId],
    );
    expect(counts).toEqual({ aips: 1, receipts: 1 });
    const steps = (await db.query(`SELECT details->>'step' AS step, count(*)::int AS n FROM audit_entry WHERE tenant_id = $1 AND action = 'deliver' AND details->>'deliveryId' = $2 GROUP BY 1`, [
      tenant,
      deliveryId,
    ])) as Array<{ step: string; n: number }>;
    const audited = Object.fromEntries(steps.map((s) => [s.step, s.n]));
    for (const stage of PIPELINE) expect([stage, audited[stage]]).toEqual([stage, 1]);
    const [accepted] = await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE tenant_id = $1 AND action = 'deliver' AND details->>'deliveryId' = $2 AND details->>'result' = 'accepted'`, [tenant, deliveryId]);
    expect(accepted.n).toBe(1);
    const completed = (await db.query(`SELECT stage, count(*)::int AS n FROM delivery_event WHERE tenant_id = $1 AND delivery_id = $2 AND type = 'stage-completed' GROUP BY 1`, [tenant, deliveryId])) as Array<{ n: number }>;
    expect(completed).toHaveLength(PIPELINE.length);
    expect(completed.every((c) => c.n === 1)).toBe(true);
  }

  it('processes each of several deliveries exactly once, with both workers taking stages', async () => {
    const packages = await Promise.all(Array.from({ length: 6 }, (_, i) => sipWithRegister(`scale-${i}-${uniq()}`, 512 * 1024, 'scale')));
    const ids: string[] = [];
    for (const data of packages) {
      const d = await producer.announceOk(DOCS);
      await producer.uploadAll(d, data);
      ids.push(d.id);
    }
    for (const id of ids) expect((await producer.waitForOutcome(id, 300_000)).outcome).toBe('accepted');
    for (const id of ids) await expectProcessedOnce(id);
    const ran = new Set((await Promise.all(ids.map(stageWorkers))).flat().map((e) => pidOf(e.worker)));
    expect([...ran].sort()).toEqual([...workers.keys()].sort());
    for (const location of readdirSync(join(storageRoot, 'archive'))) expect(objectRoots(join(storageRoot, 'archive', location))).toHaveLength(ids.length);
  });

  it('lets the other worker finish a delivery whose worker was killed mid-stage', async () => {
    const before = readdirSync(join(storageRoot, 'archive')).map((l) => objectRoots(join(storageRoot, 'archive', l)).length);
    const d = await producer.announceOk(DOCS);
    await producer.uploadAll(d, await sipWithRegister(`scale-kill-${uniq()}`, 48 * 1024 * 1024, 'scale'));
    // Wait for a heavy stage (reading every byte) to start, and kill the process that runs it.
    const victim = await waitFor(async () => (await stageWorkers(d.id)).find((e) => e.stage === 'unpacking' || e.stage === 'storing'), 240_000);
    const killed = workers.get(pidOf(victim.worker))!;
    expect(killed).toBeDefined();
    await kill(killed);
    workers.delete(killed.pid!);
    const survivor = [...workers.keys()][0];

    const done = await producer.waitForOutcome(d.id, 300_000);
    expect(done.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(done.outcome).toBe('accepted');
    await expectProcessedOnce(d.id);
    const events = await stageWorkers(d.id);
    const retaken = events.slice(events.indexOf(events.find((e) => e.stage === victim.stage && e.worker === victim.worker)!) + 1);
    expect(retaken[0]).toEqual({ stage: victim.stage, worker: expect.stringMatching(new RegExp(`:${survivor}$`)) });
    expect(retaken.every((e) => pidOf(e.worker) === survivor)).toBe(true);

    // One complete OCFL object more in every location; the killed writer's work is never an object.
    const archive = join(storageRoot, 'archive');
    const locations = readdirSync(archive);
    locations.forEach((l, i) => expect(objectRoots(join(archive, l))).toHaveLength(before[i] + 1));
    for (const l of locations) {
      const backend = new FsStorageBackend(join(archive, l));
      for (const object of objectRoots(join(archive, l))) expect((await validateOcflObject(backend, object, { checkDigests: false })).findings).toEqual([]);
    }
    expect(existsSync(join(storageRoot, 'tenants', tenant, 'staging', d.id))).toBe(false);
  });
});
