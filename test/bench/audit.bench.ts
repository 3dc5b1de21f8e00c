import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AuditFacade } from '../../src/audit/audit.facade';
import { AuditReviewService } from '../../src/audit/application/audit-review.service';
import { resetEnvironmentCache } from '../../src/platform/config/settings';
import { RequestContext, Role } from '../../src/platform/context';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { createTestDatabase, dropTestDatabase } from '../../src/platform/database/test-database';
import { Benchmark, BenchFigure, percentile } from './harness';
import { benchReader, benchViewEntry, writeChain } from '../support/audit-chain';

const ADMIN = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const APPENDS = 3_000;
const VERIFY_ENTRIES = Number(process.env.BENCH_AUDIT_VERIFY_ENTRIES ?? 1_000_000);
const LARGE_LOG = Number(process.env.BENCH_AUDIT_LOG_ENTRIES ?? 10_000_000);
const PATIENTS = 2_000_000;
const MONTHS = 60;
const EXTRACTS = 50;

const reader = benchReader;
const viewEntry = benchViewEntry;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const log = (msg: string) => process.stderr.write(`  audit: ${msg}\n`);

/** Patient ids spread over 2 M people: a birth date from 1940 on plus a four-digit suffix. */
const patientSql = (h: string) => `to_char(date '1940-01-01' + ((${h}) % 20000)::int, 'YYYYMMDD') || lpad(((${h}) / 20000 % 100)::text, 4, '0')`;
const patientOf = (h: number) => {
  const d = new Date(Date.UTC(1940, 0, 1) + (h % 20000) * 86_400_000);
  return d.toISOString().slice(0, 10).replace(/-/g, '') + String(Math.floor(h / 20000) % 100).padStart(4, '0');
};

/**
 * The per-patient extract must stay fast at 50 M entries. Each past month is filled as a plain
 * table and then attached as a partition, so its indexes are built once by sorting instead of row
 * by row (the load would otherwise take hours on a small machine).
 */
async function fillLargeLog(ds: DataSource, entries: number): Promise<void> {
  const now = new Date();
  const perMonth = Math.ceil(entries / (MONTHS - 1));
  for (let m = 1; m < MONTHS; m++) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m + 1, 1));
    const table = `audit_entry_${start.toISOString().slice(0, 7).replace('-', '_')}`;
    const t0 = process.hrtime.bigint();
    await ds.query(`CREATE TABLE ${table} (LIKE audit_entry INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)`);
    // Hashes are placeholders: this chain is for query timing, not for verification.
    await ds.query(
      `INSERT INTO ${table} ("time", tenant_id, seq, prev_hash, hash, action, outcome, actor_kind, actor_id, actor_name, care_unit_name,
         information_type_id, patient_id, protected_identity, record_ids, correlation_id)
       SELECT $1::timestamptz + (g::float8 / $3) * ($2::timestamptz - $1::timestamptz), 'bench-large', $4::bigint + g + 1, repeat('0', 64), repeat('0', 64),
         'view', 'success', 'user', 'user-' || (g % 5000), 'Användare ' || (g % 5000), 'Vårdcentral ' || (g % 300), 'patient-record',
         ${patientSql(`(hashint8($4::bigint + g) & 2147483647) % ${PATIENTS}`)}, false, ARRAY['rec-' || g], 'bench'
       FROM generate_series(0, $3::int - 1) AS g`,
      [start, end, perMonth, (m - 1) * perMonth],
    );
    await ds.query(`ALTER TABLE audit_entry ATTACH PARTITION ${table} FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`);
    log(`large log: month ${m}/${MONTHS - 1}, ${perMonth} entries in ${(ms(t0) / 1000).toFixed(1)} s`);
  }
  await ds.query(`ANALYZE audit_entry`);
}

/** Logging overhead per access, verification throughput, and the per-patient extract over a large log. */
export const benchmark: Benchmark = {
  name: 'audit',
  async run(): Promise<BenchFigure[]> {
    const name = `samarkiv_bench_test_${process.pid}`;
    const url = await createTestDatabase(ADMIN, name);
    let app: INestApplicationContext | undefined;
    // The owner migrates and writes the synthetic chains and partitions (the app's role may only append).
    const owner = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
    try {
      await owner.initialize();
      await owner.runMigrations();
      Object.assign(process.env, { DATABASE_URL: url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: `bench-${process.pid}`, LOG_LEVEL: 'silent', DATABASE_MIGRATE_ON_START: 'false' });
      resetEnvironmentCache();
      app = await NestFactory.createApplicationContext(AppModule.forRole('cli'), { logger: false });
      await app.init();
      const audit = app.get(AuditFacade);
      const ds = app.get<DataSource>(getDataSourceToken());

      // 1. Logging overhead: one awaited append per access, next to a bare round trip to PostgreSQL.
      for (let i = 0; i < 200; i++) await audit.record(reader, viewEntry(i));
      const appendMs: number[] = [];
      const pingMs: number[] = [];
      for (let i = 0; i < APPENDS; i++) {
        let t0 = process.hrtime.bigint();
        await audit.record(reader, viewEntry(i));
        appendMs.push(ms(t0));
        t0 = process.hrtime.bigint();
        await ds.query('SELECT 1');
        pingMs.push(ms(t0));
      }
      appendMs.sort((a, b) => a - b);
      pingMs.sort((a, b) => a - b);
      const p95 = percentile(appendMs, 95);
      log(`append p50 ${percentile(appendMs, 50).toFixed(3)} ms, p95 ${p95.toFixed(3)} ms`);

      // 2. Verification: a real chain (hashed as audit_append hashes), written in bulk, then verified.
      let t0 = process.hrtime.bigint();
      await writeChain(owner, 'bench-verify', VERIFY_ENTRIES);
      log(`verify chain: ${VERIFY_ENTRIES} entries written in ${(ms(t0) / 1000).toFixed(1)} s`);
      const operator = RequestContext.system('bench');
      const report = await audit.verify(operator, { tenantId: 'bench-verify' });
      if (!report.ok || report.checked !== VERIFY_ENTRIES) throw new Error(`verify benchmark chain did not verify: ${JSON.stringify(report.chains[0])}`);
      const perSecond = report.checked / report.seconds;
      log(`verify: ${report.checked} entries in ${report.seconds.toFixed(2)} s`);
      t0 = process.hrtime.bigint();
      await owner.query(`SELECT count(*) FROM (SELECT * FROM audit_entry WHERE chain_key = 'bench-verify' ORDER BY seq) e`);
      const scanPerSecond = VERIFY_ENTRIES / (ms(t0) / 1000);

      // 3. Per-patient extract over a large log, through the review service (which logs the review).
      await fillLargeLog(owner, LARGE_LOG);
      const review = app.get(AuditReviewService);
      const reviewer = new RequestContext('bench', { kind: 'user', id: 'bench-reviewer', tenantId: 'bench-large', grants: [{ role: Role.LogReviewer, tenantId: 'bench-large', informationTypeId: 'patient-record', tier: null }] });
      const extractMs: number[] = [];
      let found = 0;
      for (let i = 0; i < EXTRACTS; i++) {
        const patientId = patientOf(Math.floor(Math.random() * PATIENTS));
        t0 = process.hrtime.bigint();
        const x = await review.patientExtract(reviewer, { tenantId: 'bench-large', informationTypeId: 'patient-record', patientId });
        extractMs.push(ms(t0));
        found += x.entries.length;
      }
      extractMs.sort((a, b) => a - b);
      const [{ size }] = (await ds.query(`SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS size FROM pg_inherits WHERE inhparent = 'audit_entry'::regclass`)) as Array<{ size: string }>;
      const [{ total }] = (await ds.query(`SELECT count(*)::int AS total FROM audit_entry`)) as Array<{ total: number }>;
      log(`extract over ${total} entries (${size}): p95 ${percentile(extractMs, 95).toFixed(1)} ms, ${(found / EXTRACTS).toFixed(1)} entries per patient`);

      return [
        { name: 'audit: append (awaited), p95', value: p95, unit: 'ms', ceilingName: 'SELECT 1 round trip p95', ceiling: percentile(pingMs, 95), target: '≤ 1 ms', pass: p95 <= 1 },
        { name: `audit: verify, ${VERIFY_ENTRIES / 1e6} M entries`, value: perSecond, unit: 'entries/s', ceilingName: 'ordered scan in SQL', ceiling: scanPerSecond, target: '≥ 100,000/s', pass: perSecond >= 100_000 },
        {
          name: `audit: patient extract at ${(total / 1e6).toFixed(1)} M entries, p95`,
          value: percentile(extractMs, 95),
          unit: 'ms',
          target: '≤ 200 ms (at 50 M)',
          pass: percentile(extractMs, 95) <= 200,
        },
      ];
    } finally {
      await app?.close();
      if (owner.isInitialized) await owner.destroy();
      await dropTestDatabase(ADMIN, name);
    }
  },
};
