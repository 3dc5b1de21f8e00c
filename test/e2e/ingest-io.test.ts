import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { buildSip } from '@samarkiv/information-package';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { AuthFacade } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { JobName } from '../../src/platform/queue/queue-names';
import { tempDir } from '../../libs/information-package/src/writer/testing/fixtures.test-helper';
import { IngestHttpClient } from '../support/ingest-http';
import { SHARED_DIR } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { uniq, useTestEnvironment } from '../support/test-env';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');
const DOCS = { informationType: 'documents', sourceSystem: 'Filserver' };

/** Bytes this process has read and written through system calls so far (Linux /proc/self/io). */
function processIo(): { read: number; written: number } {
  const io = Object.fromEntries(
    readFileSync('/proc/self/io', 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(': ') as [string, string]),
  );
  return { read: Number(io.rchar), written: Number(io.wchar) };
}

const text = (bytes: number) => `Registerutdrag\n${randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64').slice(0, bytes - 15)}`;

/** A SIP as a TAR (the bench's container) of the given files. */
async function tarSip(objid: string, files: Record<string, string>): Promise<Buffer> {
  const source = tempDir('io-src');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(source, name)), { recursive: true });
    writeFileSync(join(source, name), content);
  }
  const sip = await buildSip({
    objid,
    outputDir: tempDir('io-sip'),
    contentCategory: 'Datasets',
    contentInformationType: 'MIXED',
    representations: [{ name: 'rep1', sourceDir: source }],
    agents: { archivalCreator: { name: 'Region Test', organisationNumber: '232100-0164' }, submittingAgent: { name: 'Regionarkivet', organisationNumber: '232100-0164' } },
    schemaCatalog: CATALOG,
    durable: false,
  });
  const tar = join(tempDir('io-tar'), `${objid}.tar`);
  execFileSync('tar', ['-cf', tar, '-C', dirname(sip.path), objid]);
  rmSync(source, { recursive: true, force: true });
  return readFileSync(tar);
}

/**
 * The structure of ingest, counted rather than timed (the figures depend on the machine, these do
 * not): how often the pipeline reads each byte of a large file, and that many small files cost no
 * database round trip and no queue job per file.
 */
describe('ingest I/O structure', () => {
  let app: INestApplication;
  let producer: IngestHttpClient;
  const tenant = `region-io-${uniq()}`;
  let queries = 0;
  const originalQuery = Client.prototype.query;

  beforeAll(async () => {
    // One copy, as in the large-file target (the store stage reads once per copy).
    useTestEnvironment({ XML_SCHEMA_CATALOG: CATALOG, RATE_LIMIT_PER_MINUTE: '100000', STORAGE_MIN_COPIES: '1', STORAGE_LOCATIONS: `primary=file://${tempDir('io-primary')}` });
    let url: string;
    ({ app, url } = await startTestApp(ProcessRole.All));
    const system = RequestContext.system('test');
    await app.get(TenancyFacade).createTenant(system, { id: tenant, name: tenant, organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet' });
    producer = new IngestHttpClient(url, (await app.get(AuthFacade).createApiClient(system, tenant, { name: 'io', scopes: ['deliver'], informationTypes: ['documents'] })).token);
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      queries++;
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });

  afterAll(async () => {
    Client.prototype.query = originalQuery;
    await app?.close();
  });

  it('reads a large file once after the upload and writes it once (the archival copy is the unpacked file, hard-linked)', async () => {
    const size = 48 * 1024 * 1024;
    const sip = await tarSip(`io-large-${uniq()}`, { 'register.txt': text(size) });
    const before = processIo();
    // The announced checksum is checked against the digest taken while the upload arrived.
    const done = await producer.deliver(sip, { ...DOCS, expectedChecksum: `sha256:${createHash('sha256').update(sip).digest('hex')}` });
    expect(done.outcome).toBe('accepted');
    const after = processIo();
    // What this process read: the upload from its socket (once), then the pipeline's reads.
    const pipelineReads = (after.read - before.read - sip.length) / sip.length;
    const writes = (after.written - before.written) / sip.length;
    process.stderr.write(`  ingest-io: ${pipelineReads.toFixed(2)} reads per byte after the upload, ${writes.toFixed(2)} writes per byte in all (one copy)\n`);
    // Unpack only (extract + every digest in one pass); the store links the unpacked file and, having
    // hashed the bytes as they were written, does not re-read it (3 reads per byte before).
    expect(pipelineReads).toBeLessThan(1.3);
    // This process sends the package (socket), receives it into a file, and unpacks it: nothing else
    // writes it again (the archival copy was a fourth write before).
    expect(writes).toBeLessThan(3.3);
  });

  it('rejects a large TAR whose announced checksum differs from the digest taken while it arrived', async () => {
    const sip = await tarSip(`io-wrong-${uniq()}`, { 'register.txt': text(20 * 1024 * 1024) });
    const done = await producer.deliver(sip, { ...DOCS, expectedChecksum: `sha256:${'0'.repeat(64)}` });
    expect(done.outcome).toBe('rejected');
    expect(done.findings).toEqual([expect.objectContaining({ code: 'INGEST-CHECKSUM', message: expect.stringContaining(createHash('sha256').update(sip).digest('hex')) })]);
  });

  it('costs neither a database round trip nor a queue job per file', async () => {
    const deliverFiles = async (n: number) => {
      const files = Object.fromEntries(Array.from({ length: n }, (_, i) => [`d${Math.floor(i / 500)}/f${i}.txt`, text(2048)]));
      const sip = await tarSip(`io-small-${n}-${uniq()}`, files);
      const q0 = queries;
      const done = await producer.deliver(sip, DOCS);
      expect(done.outcome).toBe('accepted');
      // Every ingest job of the delivery (the stages share one queue).
      const jobs = await app.get(JobQueueService).queue(JobName.IngestUnpack).getJobs(['completed', 'active', 'waiting', 'delayed', 'failed']);
      return { queries: queries - q0, jobs: jobs.filter((j) => (j.data as { deliveryId?: string }).deliveryId === done.id).length };
    };
    const few = await deliverFiles(100);
    const many = await deliverFiles(1500);
    process.stderr.write(`  ingest-io: ${few.queries} queries for 100 files, ${many.queries} for 1500\n`);
    // Records reach the index in batches of 1000, findings in chunks: a handful more, not 1400 more.
    expect(many.queries - few.queries).toBeLessThan(60);
    // One job per stage (and the outcome's webhook), whatever the number of files: ≤ one per 100 files.
    expect(many.jobs).toBe(few.jobs);
    expect(many.jobs).toBeLessThanOrEqual(1500 / 100);
  });
});
