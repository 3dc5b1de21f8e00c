import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { generateDeliveries } from '@samarkiv/generator';
import { AuthFacade } from '../../src/auth/auth.facade';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { resetEnvironmentCache } from '../../src/platform/config/settings';
import { RequestContext } from '../../src/platform/context';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { createTestDatabase, dropTestDatabase } from '../../src/platform/database/test-database';
import { createApp } from '../../src/platform/http/bootstrap';
import { AipIndexRef, SearchFacade } from '../../src/search/search.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { BenchFigure, formatTable, percentile } from '../bench/harness';
import { BenchHttpClient } from '../bench/http-client';
import { localDatabaseUrl } from '../bench/local-database-url';
import { rng, SearchCorpus } from '../bench/search-corpus';
import { spawnCli, waitForListening } from '../support/cli';
import { IngestHttpClient } from '../support/ingest-http';
import { repoRoot, SHARED_DIR } from '../support/shared-dir';

/**
 * Load and soak (issue 12): N concurrent searchers (people, with a think time; loopback) and M concurrent large
 * deliveries against a real API process and a real worker process for a bounded time. Passes when
 * search p95/p99 meet the search targets, no request fails, every delivery is accepted, and neither
 * process's RSS grows more than 10 % after warm-up. Run with `npm run load`; settings below.
 */
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DURATION_S = num('LOAD_DURATION_S', 600);
const WARMUP_S = num('LOAD_WARMUP_S', Math.min(120, Math.floor(DURATION_S / 5)));
const SEARCHERS = num('LOAD_SEARCHERS', 50);
/** Mean pause of a searcher between a result and the next search. */
const THINK_MS = num('LOAD_THINK_MS', 1_000);
const DELIVERERS = num('LOAD_DELIVERERS', 2);
const RECORDS = num('LOAD_RECORDS', 1_000_000);
const DELIVERY_RECORDS = num('LOAD_DELIVERY_RECORDS', 5_000);
const KEEP = process.env.LOAD_KEEP === '1';
const ADMIN = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TENANT = 'region-orebro';
const PER_AIP = 50_000;

const log = (msg: string) => process.stderr.write(`load: ${msg}\n`);
const now = () => Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RssSample {
  at: number;
  api: number;
  worker: number;
}

/** Resident set size in bytes, from /proc (Linux). */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Indexes the corpus as ingest commits it, seeds the demo tenant, and makes a producer token. */
async function prepare(): Promise<{ token: string }> {
  const app = await createApp(ProcessRole.Api, { quiet: true });
  try {
    const system = RequestContext.system('load');
    await app.get(TenancyFacade).seedDemo(system);
    const client = await app.get(AuthFacade).createApiClient(system, TENANT, { name: `load-producer-${process.pid}`, scopes: ['deliver'], informationTypes: ['patient-record'] });
    const facade = app.get(SearchFacade);
    const ds = app.get(DataSource);
    const ctx = RequestContext.job(TENANT, 'load-index');
    const corpus = new SearchCorpus(RECORDS);
    const random = rng(42);
    const t0 = now();
    for (let from = 0; from < RECORDS; from += PER_AIP) {
      const to = Math.min(RECORDS, from + PER_AIP);
      const aip: AipIndexRef = { aipId: randomUUID(), deliveryId: `load-${from}`, informationTypeId: 'patient-record', sourceSystem: 'Load', tier: 'intermediate' };
      await ds.transaction((tx) => facade.indexRecords(ctx, tx, aip, corpus.batches(from, to, random)));
      log(`indexed ${to} of ${RECORDS} records (${Math.round(to / ((now() - t0) / 1000))}/s)`);
    }
    return { token: client.token };
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const name = `samarkiv_test_load_${process.pid}`;
  const url = await createTestDatabase(ADMIN, name);
  const storageRoot = mkdtempSync(join(tmpdir(), 'samarkiv-load-'));
  const children: ChildProcess[] = [];
  const figures: BenchFigure[] = [];
  try {
    const owner = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
    await owner.initialize();
    await owner.runMigrations();
    Object.assign(process.env, {
      DATABASE_URL: url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `load-${process.pid}`,
      STORAGE_ROOT: storageRoot,
      LOG_LEVEL: 'warn',
      DATABASE_MIGRATE_ON_START: 'false',
      DEMO_MODE: 'true',
      RATE_LIMIT_PER_MINUTE: '100000000',
      XML_SCHEMA_CATALOG: join(SHARED_DIR, 'schemas/catalog.xml'),
      PRONOM_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/DROID_SignatureFile_V122.xml'),
      PRONOM_CONTAINER_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/container-signature-20260119.xml'),
    });
    delete process.env.SAMARKIV_SHARED_DIR;
    resetEnvironmentCache();
    const { token } = await prepare();
    // The same packages are delivered again and again, each time archived as a new AIP version.
    await owner.query(`INSERT INTO tenant_ingest_policy (tenant_id, duplicate_objid) VALUES ($1, 'new-version') ON CONFLICT (tenant_id) DO UPDATE SET duplicate_objid = 'new-version'`, [TENANT]);
    await owner.query('VACUUM ANALYZE');
    await owner.destroy();

    const packagesDir = join(storageRoot, 'packages');
    const packages = await Promise.all(
      Array.from({ length: DELIVERERS }, (_, i) =>
        generateDeliveries({ type: 'patient-record', format: 'ccda', records: DELIVERY_RECORDS, recordsPerPackage: DELIVERY_RECORDS, seed: `load-${i}`, outDir: join(packagesDir, String(i)), zip: true, sourceSystem: 'LoadSystem', schemaCatalog: join(SHARED_DIR, 'schemas/catalog.xml') }),
      ),
    );
    const packageMb = packages.flat().reduce((s, p) => s + p.bytes, 0) / DELIVERERS / 1e6;
    log(`${DELIVERERS} packages of ${DELIVERY_RECORDS} records, ${packageMb.toFixed(1)} MB each`);

    // Both processes reach PostgreSQL through its Unix socket when it is on this machine (docs/operations.md).
    // And with the malloc setting bin/samarkiv gives them (two arenas).
    const env = { ...process.env, DATABASE_URL: localDatabaseUrl(url), MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
    const api = spawnCli(['serve', '--role', 'api', '--port', '0'], { ...env, SAMARKIV_ROLE: 'api' });
    const worker = spawnCli(['serve', '--role', 'worker'], { ...env, PORT: '0', SAMARKIV_ROLE: 'worker' });
    children.push(api, worker);
    const [base] = await Promise.all([waitForListening(api, 'API'), waitForListening(worker, 'worker')]);
    log(`API ${base}, worker pid ${worker.pid}; ${SEARCHERS} searchers (think time ${THINK_MS} ms) and ${DELIVERERS} deliverers for ${DURATION_S} s (warm-up ${WARMUP_S} s)`);

    const login = await fetch(`${base}/auth/demo/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: TENANT, user: 'anna' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await (await fetch(`${base}/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };

    const start = now();
    const deadline = start + DURATION_S * 1000;
    const rss: RssSample[] = [];
    const sampler = setInterval(() => rss.push({ at: now() - start, api: rssOf(api.pid!), worker: rssOf(worker.pid!) }), 5_000);

    // Deliverers: each delivers its package again and again until the time is up.
    const producer = new IngestHttpClient(base, token);
    const deliveries: Array<{ outcome: string | null; seconds: number }> = [];
    const deliverers = packages.map(async ([pkg]) => {
      const data = readFileSync(pkg.path);
      while (now() < deadline) {
        const t = now();
        const d = await producer.deliver(data, { informationType: 'patient-record', sourceSystem: 'LoadSystem' });
        deliveries.push({ outcome: d.outcome, seconds: (now() - t) / 1000 });
      }
    });

    // Searchers: people using the search, each with the query mix and a think time between
    // searches (exponential, mean LOAD_THINK_MS; 0 makes every searcher a closed loop, a capacity
    // test rather than a latency one). Latencies are kept with their time so the warm-up can be cut.
    const corpus = new SearchCorpus(RECORDS);
    const random = rng(1);
    let q = 0;
    const latencies: Array<{ at: number; ms: number; status: number }> = [];
    let errors = 0;
    const http = new BenchHttpClient(base, SEARCHERS);
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const searchers = Array.from({ length: SEARCHERS }, async (_, i) => {
      // Staggered starts, so the searchers do not move in step.
      await sleep(random() * Math.max(THINK_MS, 100) + i);
      while (now() < deadline) {
        const t = performance.now();
        try {
          const res = await http.send('POST', '/api/v1/search/patient-record', headers, JSON.stringify(corpus.query(q++, random).body));
          latencies.push({ at: now() - start, ms: performance.now() - t, status: res.status });
        } catch {
          errors++;
        }
        if (THINK_MS > 0) await sleep(-Math.log(1 - random()) * THINK_MS);
      }
    });
    await Promise.all(searchers);
    http.close();
    await Promise.all(deliverers);
    clearInterval(sampler);

    const steady = latencies.filter((l) => l.at >= WARMUP_S * 1000);
    const ms = steady.map((l) => l.ms).sort((a, b) => a - b);
    const failed = latencies.filter((l) => l.status !== 200).length + errors;
    const accepted = deliveries.filter((d) => d.outcome === 'accepted').length;
    // RSS: the median of the minute after warm-up against the median of the last minute.
    const window = (from: number, to: number) => rss.filter((s) => s.at >= from && s.at < to);
    const early = window(WARMUP_S * 1000, (WARMUP_S + 60) * 1000);
    const late = window(DURATION_S * 1000 - 60_000, DURATION_S * 1000 + 10_000);
    const growth = (role: 'api' | 'worker') => median(late.map((s) => s[role])) / median(early.map((s) => s[role])) - 1;

    figures.push({ name: `load: search p95 (${SEARCHERS} searchers, think time ${THINK_MS} ms, ${DELIVERERS} deliveries running, ${RECORDS} records)`, value: percentile(ms, 95), unit: 'ms', target: '≤ 50 ms', pass: percentile(ms, 95) <= 50 });
    figures.push({ name: 'load: search p99', value: percentile(ms, 99), unit: 'ms', target: '≤ 150 ms', pass: percentile(ms, 99) <= 150 });
    figures.push({ name: 'load: searches', value: steady.length / Math.max(1, DURATION_S - WARMUP_S), unit: 'searches/s' });
    figures.push({ name: 'load: failed requests (non-200, errors, timeouts)', value: failed, unit: 'count', target: '0', pass: failed === 0 });
    figures.push({ name: `load: deliveries accepted (${packageMb.toFixed(0)} MB, ${DELIVERY_RECORDS} records each)`, value: accepted, unit: `of ${deliveries.length}`, target: 'all, ≥ 1', pass: accepted === deliveries.length && accepted > 0 });
    figures.push({ name: 'load: delivery time, median', value: median(deliveries.map((d) => d.seconds)), unit: 's' });
    for (const role of ['api', 'worker'] as const) {
      const g = growth(role) * 100;
      figures.push({ name: `load: ${role} RSS growth after warm-up (${(median(late.map((s) => s[role])) / 2 ** 20).toFixed(0)} MiB at the end)`, value: g, unit: '%', target: '< 10 %', pass: early.length > 0 && late.length > 0 && g < 10 });
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    if (KEEP) log(`kept database ${name} and ${storageRoot}`);
    else {
      await dropTestDatabase(ADMIN, name);
      rmSync(storageRoot, { recursive: true, force: true });
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\nmachine: ${machine}; ${DURATION_S} s, warm-up ${WARMUP_S} s\n`);
  console.log(formatTable(figures));
  const outDir = join(repoRoot(), 'bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ machine, durationS: DURATION_S, figures }, null, 2));
  if (figures.some((f) => f.pass === false)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`load: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 2;
});
