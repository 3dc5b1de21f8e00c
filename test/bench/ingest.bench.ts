import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildSip } from '@samarkiv/information-package';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { resetEnvironmentCache } from '../../src/platform/config/settings';
import { RequestContext } from '../../src/platform/context';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { createTestDatabase, dropTestDatabase } from '../../src/platform/database/test-database';
import { createApp } from '../../src/platform/http/bootstrap';
import { AuthFacade } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { IngestHttpClient } from '../support/ingest-http';
import { SHARED_DIR } from '../support/shared-dir';
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { JobName } from '../../src/platform/queue/queue-names';
import { Benchmark, BenchFigure } from './harness';
import { copyHashFsync } from './storage.bench';

const ADMIN = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SMALL_FILES = 10_000;
const SMALL_BYTES = 8 * 1024;
const LARGE_BYTES = Number(process.env.SAMARKIV_BENCH_INGEST_LARGE_MB ?? 2048) * 1024 * 1024;

const log = (msg: string) => process.stderr.write(`  ingest: ${msg}\n`);
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** The same for many small files, with one sync of the file system at the end (not one fsync per file). */
function smallFilesCeiling(srcDir: string, names: string[], destDir: string): void {
  mkdirSync(destDir, { recursive: true });
  const buf = Buffer.allocUnsafe(SMALL_BYTES * 2);
  for (const name of names) {
    const input = openSync(join(srcDir, name), 'r');
    const n = readSync(input, buf, 0, buf.length, 0);
    closeSync(input);
    createHash('sha256').update(buf.subarray(0, n)).digest();
    writeFileSync(join(destDir, name), buf.subarray(0, n));
  }
  execFileSync('sync', ['-f', destDir]);
}

/**
 * Text (base64 of random bytes): an accepted format that does not compress, so nothing looks like
 * a bomb. A heading first, so random bytes at the start never match a binary format's signature.
 */
function randomText(bytes: number): Buffer {
  const heading = 'Registerutdrag\n';
  return Buffer.from(heading + randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64').slice(0, bytes - heading.length));
}

async function tarSip(objid: string, source: string, work: string): Promise<string> {
  const sip = await buildSip({
    objid,
    outputDir: join(work, 'sip'),
    contentCategory: 'Datasets',
    contentInformationType: 'MIXED',
    representations: [{ name: 'rep1', sourceDir: source }],
    agents: { archivalCreator: { name: 'Region Bänk', organisationNumber: '232100-0164' }, submittingAgent: { name: 'Regionarkivet', organisationNumber: '232100-0164' } },
    schemaCatalog: join(SHARED_DIR, 'schemas/catalog.xml'),
    durable: false,
  });
  const tar = join(work, `${objid}.tar`);
  execFileSync('tar', ['-cf', tar, '-C', dirname(sip.path), objid]);
  rmSync(sip.path, { recursive: true, force: true });
  return tar;
}

/**
 * Ingest end to end over HTTP with a worker in the same process, from upload complete to the end
 * of the last stage (unpack, validate, identify, extract, AIP, one verified copy, catalogue and
 * index, receipt, staging cleaned), next to the one-pass read → hash → write ceilings measured in
 * the same run; and the queue's share of that time (wall time outside the stage jobs).
 */
export const benchmark: Benchmark = {
  name: 'ingest',
  async run(): Promise<BenchFigure[]> {
    const name = `samarkiv_bench_test_ingest_${process.pid}`;
    const url = await createTestDatabase(ADMIN, name);
    const work = mkdtempSync(join(tmpdir(), 'samarkiv-bench-ingest-'));
    let app: INestApplication | undefined;
    try {
      const migrate = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
      await migrate.initialize();
      await migrate.runMigrations();
      await migrate.destroy();
      Object.assign(process.env, {
        DATABASE_URL: url,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: `bench-ingest-${process.pid}`,
        STORAGE_ROOT: join(work, 'storage'),
        XML_SCHEMA_CATALOG: join(SHARED_DIR, 'schemas/catalog.xml'),
        PRONOM_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/DROID_SignatureFile_V122.xml'),
        PRONOM_CONTAINER_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/container-signature-20260119.xml'),
        RATE_LIMIT_PER_MINUTE: '1000000',
        LOG_LEVEL: 'silent',
        DATABASE_MIGRATE_ON_START: 'false',
        // One copy, as the targets are stated (each further copy is one more read and write).
        STORAGE_LOCATIONS: `primary=file://${join(work, 'storage', 'archive', 'primary')}`,
        STORAGE_MIN_COPIES: '1',
      });
      resetEnvironmentCache();
      app = await createApp(ProcessRole.All, { quiet: true });
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as { port: number };
      const system = RequestContext.system('bench');
      await app.get(TenancyFacade).createTenant(system, { id: 'bench-ingest', name: 'Region Bänk', organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet' });
      const token = (await app.get(AuthFacade).createApiClient(system, 'bench-ingest', { name: 'bench', scopes: ['deliver'], informationTypes: ['documents'] })).token;
      const client = new IngestHttpClient(`http://127.0.0.1:${port}`, token);
      const jobs = app.get(JobQueueService).queue(JobName.IngestUnpack);
      /** From upload complete to the end of the last stage, and the share of it not spent inside a stage job. */
      const deliver = async (tar: string): Promise<{ seconds: number; queueOverhead: number }> => {
        // The generated sources, SIP and TAR (gigabytes for the large case) are flushed first, as in
        // the storage bench: otherwise the kernel writes them back while the pipeline is timed.
        execFileSync('sync');
        const delivery = await client.announceOk({ informationType: 'documents', sourceSystem: 'Bänk' });
        await client.createUpload(delivery, statSync(tar).size);
        const patch = await fetch(`${client.baseUrl}${delivery.links.upload}`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
          body: createReadStream(tar) as unknown as RequestInit['body'],
          duplex: 'half',
        } as RequestInit);
        if (patch.status !== 204) throw new Error(`upload answered ${patch.status}`);
        const uploaded = Date.now();
        const done = await client.waitForOutcome(delivery.id, 3_600_000);
        if (done.outcome !== 'accepted') throw new Error(`bench delivery ${done.outcome}: ${JSON.stringify(done.findings.slice(0, 3))}`);
        // The stage jobs' own timestamps (same process clock), so the status polling does not count.
        const stageJobs = (await jobs.getJobs(['completed'])).filter((j) => j.name !== JobName.IngestWebhook && (j.data as { deliveryId?: string }).deliveryId === delivery.id);
        const end = Math.max(...stageJobs.map((j) => j.finishedOn ?? 0));
        const inJobs = stageJobs.reduce((sum, j) => sum + ((j.finishedOn ?? 0) - (j.processedOn ?? 0)), 0);
        // The first job may start before the upload's response arrives here; it cannot start before the upload is complete.
        const start = Math.min(uploaded, ...stageJobs.map((j) => j.processedOn ?? uploaded));
        const wall = end - start;
        const stages = stageJobs
          .sort((a, b) => (a.processedOn ?? 0) - (b.processedOn ?? 0))
          .map((j) => `${j.name.replace('ingest.', '')} ${(((j.finishedOn ?? 0) - (j.processedOn ?? 0)) / 1000).toFixed(2)}`)
          .join(', ');
        log(`${stageJobs.length} jobs, ${(wall / 1000).toFixed(2)} s from upload complete to the last stage's end, ${(inJobs / 1000).toFixed(2)} s inside jobs (${stages})`);
        return { seconds: wall / 1000, queueOverhead: Math.max(0, (wall - inJobs) / wall) };
      };

      // 10,000 files of 8 KiB.
      const smallDir = join(work, 'small');
      mkdirSync(smallDir);
      const names = Array.from({ length: SMALL_FILES }, (_, i) => `f${String(i).padStart(5, '0')}.txt`);
      for (const n of names) writeFileSync(join(smallDir, n), randomText(SMALL_BYTES));
      const smallTar = await tarSip('bench-small', smallDir, work);
      log(`small: ${SMALL_FILES} files in a ${(statSync(smallTar).size / 2 ** 20).toFixed(0)} MiB TAR`);
      const small = await deliver(smallTar);
      execFileSync('sync');
      let t0 = process.hrtime.bigint();
      smallFilesCeiling(smallDir, names, join(work, 'small-ceiling'));
      const smallCeiling = seconds(t0);
      rmSync(smallDir, { recursive: true, force: true });
      rmSync(join(work, 'small-ceiling'), { recursive: true, force: true });
      rmSync(smallTar, { force: true });

      // One large file.
      const largeDir = join(work, 'large');
      mkdirSync(largeDir);
      const largeFile = join(largeDir, 'register.txt');
      const out = openSync(largeFile, 'w');
      const block = randomText(64 * 1024 * 1024);
      for (let written = 0; written < LARGE_BYTES; written += block.length) writeSync(out, block, 0, Math.min(block.length, LARGE_BYTES - written));
      closeSync(out);
      const largeTar = await tarSip('bench-large', largeDir, work);
      log(`large: one ${(LARGE_BYTES / 2 ** 20).toFixed(0)} MiB file`);
      const mb = LARGE_BYTES / 1e6;
      const large = await deliver(largeTar);
      execFileSync('sync');
      t0 = process.hrtime.bigint();
      copyHashFsync(largeFile, join(work, 'large-ceiling.bin'));
      const largeCeiling = seconds(t0);
      const smallRate = SMALL_FILES / small.seconds;
      const largeRate = mb / large.seconds;
      const overhead = Math.max(small.queueOverhead, large.queueOverhead) * 100;
      return [
        {
          name: 'ingest 10,000 × 8 KiB files (upload complete → accepted)',
          value: smallRate,
          unit: 'files/s',
          ceilingName: 'read→sha256→write, one sync',
          ceiling: SMALL_FILES / smallCeiling,
          target: '≥ 1000 files/s',
          pass: smallRate >= 1000,
        },
        {
          name: `ingest one ${(LARGE_BYTES / 2 ** 20).toFixed(0)} MiB file, one copy (upload complete → accepted)`,
          value: largeRate,
          unit: 'MB/s',
          ceilingName: 'read→sha512→write+fsync',
          ceiling: mb / largeCeiling,
          target: '≥ 250 MB/s',
          pass: largeRate >= 250,
        },
        {
          name: 'queue overhead (wall time outside stage jobs, worst of the two)',
          value: overhead,
          unit: '%',
          target: '≤ 5 %',
          pass: overhead <= 5,
        },
      ];
    } finally {
      await app?.close();
      rmSync(work, { recursive: true, force: true });
      await dropTestDatabase(ADMIN, name);
    }
  },
};
