import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { resetEnvironmentCache } from '../../src/platform/config/settings';
import { RequestContext } from '../../src/platform/context';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { createTestDatabase, dropTestDatabase } from '../../src/platform/database/test-database';
import { createApp } from '../../src/platform/http/bootstrap';
import { AipIndexRef, SearchFacade } from '../../src/search/search.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { CLI, waitForListening } from '../support/cli';
import { countRoundTrips } from '../support/round-trips';
import { Benchmark, BenchFigure, percentile } from './harness';
import { BenchHttpClient } from './http-client';
import { cpuMeter, cpuMsOf } from './process-cpu';
import { localDatabaseUrl } from './local-database-url';
import { personnummer, rng, SearchCorpus } from './search-corpus';

const ADMIN = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RECORDS = Number(process.env.BENCH_SEARCH_RECORDS ?? 1_000_000);
const PER_AIP = 50_000;
// AIPs indexed at once: 1 is the single-stream figure; ingest's default INGEST_TENANT_CONCURRENCY
// lets one tenant's deliveries catalogue (and index) 2 at a time on several workers.
const STREAMS = Number(process.env.BENCH_SEARCH_INDEX_STREAMS ?? 1);
const CLIENTS = Number(process.env.BENCH_SEARCH_CLIENTS ?? 16);
const REQUESTS = Number(process.env.BENCH_SEARCH_REQUESTS ?? 4_000);
/** An already indexed benchmark database (kept from an earlier run): only the query part runs. */
const REUSE = process.env.BENCH_SEARCH_DATABASE;
const TENANT = 'region-orebro';
const corpus = new SearchCorpus(RECORDS);
const PATIENTS = corpus.patients;

const log = (msg: string) => process.stderr.write(`  search: ${msg}\n`);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * Indexes the corpus through the facade, one transaction per AIP of 50,000 records as ingest commits
 * them, STREAMS AIPs at a time.
 */
async function index(app: INestApplication, url: string): Promise<BenchFigure[]> {
  const facade = app.get(SearchFacade);
  const ds = app.get(DataSource);
  const ctx = RequestContext.job(TENANT, 'bench-index');
  // Round trips the indexing makes, counted on the transaction's connection.
  let statements = 0;
  // CPU of the indexing transactions' PostgreSQL backends; on a shared machine steadier than wall time.
  let databaseCpuMs = 0;
  let done = 0;
  let nextFrom = 0;
  const t0 = process.hrtime.bigint();
  const nodeCpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: STREAMS }, async () => {
      while (nextFrom < RECORDS) {
        const from = nextFrom;
        const to = Math.min(RECORDS, from + PER_AIP);
        nextFrom = to;
        const aip: AipIndexRef = { aipId: randomUUID(), deliveryId: `bench-${from}`, informationTypeId: 'patient-record', sourceSystem: 'Bench', tier: 'intermediate' };
        // Each AIP draws its records from its own seed, so the data do not depend on the interleaving.
        const random = rng(42 + from);
        await ds.transaction(async (tx) => {
          const [{ pid }] = (await tx.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
          const cpu0 = cpuMsOf(pid);
          const { roundTrips } = await countRoundTrips(tx, () => facade.indexRecords(ctx, tx, aip, corpus.batches(from, to, random)));
          statements += roundTrips;
          databaseCpuMs += cpuMsOf(pid) - cpu0;
        });
        done += to - from;
        if ((done / PER_AIP) % 4 === 0 || done === RECORDS) log(`indexed ${done} records, ${Math.round(done / (ms(t0) / 1000))}/s`);
      }
    }),
  );
  const rate = RECORDS / (ms(t0) / 1000);
  const nodeCpu = process.cpuUsage(nodeCpu0);
  // Statistics as autovacuum would gather them after a bulk load (the owner may; the app role may not).
  const owner = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
  await owner.initialize();
  await owner.query('VACUUM ANALYZE record');
  // Ceiling: the same rows copied into a table without indexes and without computing the vector.
  await owner.query('CREATE TABLE bench_record_copy (LIKE record)');
  const copyRows = Math.min(RECORDS, 200_000);
  const tc = process.hrtime.bigint();
  await owner.query(`INSERT INTO bench_record_copy SELECT * FROM record LIMIT ${copyRows}`);
  const ceiling = copyRows / (ms(tc) / 1000);
  await owner.query('DROP TABLE bench_record_copy');
  await owner.destroy();
  const [{ size }] = (await ds.query(`SELECT pg_size_pretty(pg_total_relation_size('record'::regclass)) AS size`)) as Array<{ size: string }>;
  log(`table with indexes: ${size}`);
  const streams = STREAMS === 1 ? '' : `, ${STREAMS} AIPs at a time`;
  return [
    { name: `search: indexing ${RECORDS} records (1,000/batch, 50,000/transaction${streams})`, value: rate, unit: 'records/s', ceilingName: 'plain INSERT…SELECT, no indexes', ceiling, target: '≥ 10,000 records/s', pass: rate >= 10_000 },
    // Where the indexing's CPU goes (0 for the database when its processes cannot be read: a remote server).
    { name: 'search: indexing, PostgreSQL CPU per record', value: (databaseCpuMs * 1000) / RECORDS, unit: 'µs' },
    { name: 'search: indexing, Node CPU per record (generating, building rows, sending)', value: (nodeCpu.user + nodeCpu.system) / RECORDS, unit: 'µs' },
    // Was 1 statement per 1,000-record batch (1.0); now a COPY and an INSERT … SELECT per STATEMENT_ROWS records.
    { name: 'search: indexing statements (round trips) per 1,000 records', value: (statements * 1000) / RECORDS, unit: 'count', target: '≤ 0.2', pass: (statements * 1000) / RECORDS <= 0.2 },
  ];
}

/** A signed-in reader of the demo tenant, talking to the API process. */
async function signIn(http: BenchHttpClient) {
  const login = await http.send('POST', '/auth/demo/login', { 'content-type': 'application/json' }, JSON.stringify({ tenant: TENANT, user: 'anna' }));
  const setCookie = login.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : String(setCookie)).split(';')[0];
  const { csrfToken } = JSON.parse((await http.send('GET', '/auth/session', { cookie })).body.toString()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  return {
    cookie,
    search: (body: unknown) => http.send('POST', '/api/v1/search/patient-record', headers, JSON.stringify(body)),
  };
}

/** Runs `work` on CLIENTS concurrent loops until `count` calls are done; latencies in ms, sorted. */
async function concurrently(count: number, work: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        const i = next++;
        const t = process.hrtime.bigint();
        await work(i);
        latencies.push(ms(t));
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

/**
 * The query mix through a real API process (`samarkiv serve --role api`, as in production) from
 * CLIENTS concurrent keep-alive clients in this process; also the CPU each search costs the API
 * process and PostgreSQL, which stays comparable when the machine is busy.
 */
async function measureQueries(backendsOf: () => Promise<number[]>, transactions: () => Promise<number>, indexSearchable: (search: (body: unknown) => Promise<{ status: number; body: Buffer }>) => Promise<BenchFigure[]>): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  // As a single-machine installation should connect (docs/operations.md).
  const databaseUrl = localDatabaseUrl(process.env.DATABASE_URL!);
  log(`API process connects to PostgreSQL through ${databaseUrl.includes('%2F') ? 'its Unix socket' : 'TCP'}`);
  // As bin/samarkiv starts it (two malloc arenas). BENCH_SEARCH_API_PROFILE=<dir> writes a CPU profile of it there.
  const profile = process.env.BENCH_SEARCH_API_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SEARCH_API_PROFILE}`] : [];
  const api = spawn(process.execPath, [...profile, CLI, 'serve', '--role', 'api', '--port', '0'], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const base = await waitForListening(api, 'API');
    const http = new BenchHttpClient(base, CLIENTS);
    const { cookie, search } = await signIn(http);
    figures.push(...(await indexSearchable(search)));

    // Peer: the cheapest signed-in request (session, grants, JSON) with the same concurrency.
    const me = () => concurrently(Math.min(REQUESTS, 2000), async () => void (await http.send('GET', '/api/v1/me', { cookie })));
    await me();
    const meCpu0 = cpuMsOf(api.pid!);
    const meLatency = await me();
    const meCpu = (cpuMsOf(api.pid!) - meCpu0) / meLatency.length;

    // Warm-up, then the mix.
    const mix = corpus.queries(rng(1), REQUESTS);
    for (const q of mix.slice(0, 200)) await search(q.body);
    const byKind = new Map<string, number[]>();
    let failures = 0;
    const apiCpu0 = cpuMsOf(api.pid!);
    const transactions0 = await transactions();
    const pgCpu = await cpuMeter(backendsOf);
    const tMix = process.hrtime.bigint();
    const all = await concurrently(mix.length, async (i) => {
      const t = process.hrtime.bigint();
      const res = await search(mix[i].body);
      if (res.status !== 200) failures++;
      byKind.set(mix[i].kind, [...(byKind.get(mix[i].kind) ?? []), ms(t)]);
    });
    const wall = ms(tMix);
    const apiCpu = (cpuMsOf(api.pid!) - apiCpu0) / mix.length;
    const dbCpu = (await pgCpu()) / mix.length;
    // Backends report their counts when idle, within a second or so.
    await new Promise((r) => setTimeout(r, 1500));
    const statements = ((await transactions()) - transactions0) / mix.length;
    for (const [kind, list] of byKind) {
      list.sort((a, b) => a - b);
      figures.push({ name: `search: ${kind}, p95 (${CLIENTS} clients)`, value: percentile(list, 95), unit: 'ms' });
    }
    figures.push({ name: `search: mix of 5 query kinds, p95 (${CLIENTS} clients, ${RECORDS} records)`, value: percentile(all, 95), unit: 'ms', ceilingName: 'GET /api/v1/me p95', ceiling: percentile(meLatency, 95), target: '≤ 50 ms', pass: percentile(all, 95) <= 50 });
    figures.push({ name: `search: mix of 5 query kinds, p99 (${CLIENTS} clients, ${RECORDS} records)`, value: percentile(all, 99), unit: 'ms', ceilingName: 'GET /api/v1/me p99', ceiling: percentile(meLatency, 99), target: '≤ 150 ms', pass: percentile(all, 99) <= 150 });
    figures.push({ name: 'search: throughput (each search audited)', value: mix.length / (wall / 1000), unit: 'searches/s' });
    figures.push({ name: 'search: CPU per search, API process', value: apiCpu, unit: 'ms', ceilingName: 'GET /api/v1/me', ceiling: meCpu });
    figures.push({ name: 'search: CPU per search, PostgreSQL', value: dbCpu, unit: 'ms' });
    figures.push({ name: 'search: PostgreSQL transactions per search (each statement is one)', value: statements, unit: 'count' });
    figures.push({ name: 'search: failed requests', value: failures, unit: 'count', target: '0', pass: failures === 0 });
    http.close();
    return figures;
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => (api.exitCode !== null ? r(null) : api.once('exit', r)));
  }
}

/**
 * 1 M generated patient-record records indexed through the facade (as ingest does), then a query
 * mix through the HTTP API with 16 concurrent signed-in clients; every search is audited as in
 * production. Figures: indexing rate, time from commit to searchable, p95/p99 per query kind, CPU
 * per search.
 */
export const benchmark: Benchmark = {
  name: 'search',
  async run(): Promise<BenchFigure[]> {
    const figures: BenchFigure[] = [];
    const name = REUSE ?? `samarkiv_test_bench_search_${process.pid}`;
    if (!name.includes('test')) throw new Error(`BENCH_SEARCH_DATABASE must name a test database (got ${name})`);
    const url = REUSE ? `${ADMIN.replace(/\/[^/]*$/, '')}/${REUSE}` : await createTestDatabase(ADMIN, name);
    let app: INestApplication | undefined;
    try {
      const migrate = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
      await migrate.initialize();
      await migrate.runMigrations();
      await migrate.destroy();
      Object.assign(process.env, {
        DATABASE_URL: url,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: `bench-${process.pid}`,
        LOG_LEVEL: 'silent',
        DATABASE_MIGRATE_ON_START: 'false',
        // The product's default pool (BENCH_SEARCH_POOL to try another).
        DATABASE_POOL_SIZE: process.env.BENCH_SEARCH_POOL ?? '10',
        DEMO_MODE: 'true',
        RATE_LIMIT_PER_MINUTE: '100000000',
      });
      delete process.env.SAMARKIV_SHARED_DIR;
      resetEnvironmentCache();
      app = await createApp(ProcessRole.Api, { quiet: true });
      await app.get(TenancyFacade).seedDemo(RequestContext.system('bench'));
      if (REUSE) log(`reusing the indexed database ${REUSE}`);
      else figures.push(...(await index(app, url)));
      const indexer = app;

      // Searchable after commit: a new AIP for a new patient, then the first search that finds it.
      const searchable = async (search: (body: unknown) => Promise<{ status: number; body: Buffer }>): Promise<BenchFigure[]> => {
        const fresh = personnummer(PATIENTS + 7 + (REUSE ? Math.floor(Math.random() * 1e6) : 0));
        const base = corpus.record(RECORDS + 1, rng(7));
        const newAip: AipIndexRef = { aipId: randomUUID(), deliveryId: 'bench-fresh', informationTypeId: 'patient-record', sourceSystem: 'Bench', tier: 'intermediate' };
        await indexer.get(DataSource).transaction((tx) =>
          indexer.get(SearchFacade).indexRecords(RequestContext.job(TENANT, 'bench-index'), tx, newAip, (async function* () {
            yield [{ ...base, recordId: `fresh-${newAip.aipId}`, fields: { ...base.fields, patientId: fresh }, patient: { id: fresh, issuer: '1.2.752.129.2.1.3.1' } }];
          })()),
        );
        const committed = process.hrtime.bigint();
        let visible = false;
        while (!visible) visible = (JSON.parse((await search({ criteria: { patientId: fresh } })).body.toString()) as { items: unknown[] }).items.length >= 1;
        const lag = ms(committed);
        return [{ name: 'search: newly archived AIP searchable after commit', value: lag, unit: 'ms', target: '≤ 1,000 ms', pass: lag <= 1000 }];
      };
      // The API process's PostgreSQL backends (not other databases' on a shared machine).
      const backends = async () => ((await indexer.get(DataSource).query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)) as Array<{ pid: number }>).map((r) => r.pid);
      const transactions = async () => Number(((await indexer.get(DataSource).query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`)) as Array<{ n: string }>)[0].n);
      figures.push(...(await measureQueries(backends, transactions, searchable)));
      return figures;
    } finally {
      await app?.close();
      // BENCH_SEARCH_KEEP_DB=1 keeps the database for looking at plans afterwards (BENCH_SEARCH_DATABASE reuses it).
      if (REUSE || process.env.BENCH_SEARCH_KEEP_DB === '1') log(`kept database ${name}`);
      else await dropTestDatabase(ADMIN, name);
    }
  },
};
