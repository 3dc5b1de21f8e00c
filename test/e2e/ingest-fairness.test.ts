import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildSip } from '@samarkiv/information-package';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { AuthFacade } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { makeSourceFolder, sipOptions, tempDir } from '../../libs/information-package/src/writer/testing/fixtures.test-helper';
import { DeliveryBody, IngestHttpClient } from '../support/ingest-http';
import { SHARED_DIR } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { uniq, useTestEnvironment, waitFor } from '../support/test-env';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');
const LIMIT = 2;
const A_DELIVERIES = 6;
const DOCS = { informationType: 'documents', sourceSystem: 'Filserver' };

async function sip(objid: string, extraBytes: number): Promise<Buffer> {
  const source = makeSourceFolder();
  if (extraBytes > 0) writeFileSync(join(source, 'register.txt'), `Registerutdrag\n${randomBytes(extraBytes).toString('base64')}`);
  return readFileSync((await buildSip(sipOptions(tempDir('fair'), source, { objid, format: 'zip', schemaCatalog: CATALOG }))).path);
}

interface Interval {
  id: string;
  started: number;
  completed: number;
}

/** The most intervals that overlap at any instant. */
function maxOverlap(intervals: Interval[]): number {
  const edges = intervals.flatMap((i) => [
    { at: i.started, d: 1 },
    { at: i.completed, d: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const e of edges) max = Math.max(max, (now += e.d));
  return max;
}

/**
 * Per-tenant fairness over HTTP with a real worker: region A announces many large deliveries at
 * once, region B one small one. A never has more than its limit of deliveries in processing, and
 * B's delivery goes through while A's are still waiting for their turn.
 */
describe('ingest fairness between tenants', () => {
  let app: INestApplication;
  let db: DataSource;
  let producerA: IngestHttpClient;
  let producerB: IngestHttpClient;
  const tenantA = `region-fa-${uniq()}`;
  const tenantB = `region-fb-${uniq()}`;

  beforeAll(async () => {
    useTestEnvironment({ XML_SCHEMA_CATALOG: CATALOG, RATE_LIMIT_PER_MINUTE: '100000', INGEST_TENANT_CONCURRENCY: String(LIMIT), QUEUE_WORKER_CONCURRENCY: '4' });
    let url: string;
    ({ app, url } = await startTestApp(ProcessRole.All));
    db = app.get(DataSource);
    const system = RequestContext.system('test');
    const auth = app.get(AuthFacade);
    for (const id of [tenantA, tenantB]) await app.get(TenancyFacade).createTenant(system, { id, name: id, organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet' });
    producerA = new IngestHttpClient(url, (await auth.createApiClient(system, tenantA, { name: 'a', scopes: ['deliver'], informationTypes: ['documents'] })).token);
    producerB = new IngestHttpClient(url, (await auth.createApiClient(system, tenantB, { name: 'b', scopes: ['deliver'], informationTypes: ['documents'] })).token);
  });

  afterAll(async () => {
    await app?.close();
  });

  const running = async (tenant: string) =>
    ((await db.query(`SELECT count(*)::int AS n FROM delivery WHERE tenant_id = $1 AND started_at IS NOT NULL AND completed_at IS NULL`, [tenant])) as Array<{ n: number }>)[0].n;

  it(`holds region A to ${LIMIT} deliveries at once while region B's small delivery goes through`, async () => {
    const packages = await Promise.all(Array.from({ length: A_DELIVERIES }, (_, i) => sip(`fair-a-${i}-${uniq()}`, 8 * 1024 * 1024)));
    const small = await sip(`fair-b-${uniq()}`, 0);
    const aIds: string[] = [];
    for (const data of packages) {
      const d = await producerA.announceOk(DOCS);
      await producerA.uploadAll(d, data);
      aIds.push(d.id);
    }
    await waitFor(async () => (await running(tenantA)) === LIMIT, 120_000);

    const b = await producerB.deliver(small, DOCS);
    expect(b.outcome).toBe('accepted');
    const [bRow] = (await db.query(`SELECT completed_at FROM delivery WHERE tenant_id = $1 AND id = $2`, [tenantB, b.id])) as Array<{ completed_at: Date }>;
    // B did not wait for A's backlog: when B was accepted, some of A's deliveries had not even started.
    const aStartedBeforeB = (await db.query(`SELECT count(*)::int AS n FROM delivery WHERE tenant_id = $1 AND started_at IS NOT NULL AND started_at <= $2`, [tenantA, bRow.completed_at])) as Array<{ n: number }>;
    expect(aStartedBeforeB[0].n).toBeLessThan(A_DELIVERIES);

    const done: DeliveryBody[] = [];
    for (const id of aIds) done.push(await producerA.waitForOutcome(id, 600_000));
    expect(done.map((d) => d.outcome)).toEqual(aIds.map(() => 'accepted'));

    const rows = (await db.query(`SELECT id, started_at, completed_at FROM delivery WHERE tenant_id = $1`, [tenantA])) as Array<{ id: string; started_at: Date; completed_at: Date }>;
    const intervals = rows.map((r) => ({ id: r.id, started: r.started_at.getTime(), completed: r.completed_at.getTime() }));
    expect(maxOverlap(intervals)).toBe(LIMIT);
    // Every stage of A's deliveries ran inside its delivery's turn.
    const events = (await db.query(`SELECT delivery_id, created_at FROM delivery_event WHERE tenant_id = $1 AND type = 'stage-started'`, [tenantA])) as Array<{ delivery_id: string; created_at: Date }>;
    expect(events.length).toBeGreaterThanOrEqual(A_DELIVERIES * 8);
    const byId = new Map(intervals.map((i) => [i.id, i]));
    for (const e of events) {
      const turn = byId.get(e.delivery_id)!;
      expect(e.created_at.getTime()).toBeGreaterThanOrEqual(turn.started);
      expect(e.created_at.getTime()).toBeLessThanOrEqual(turn.completed);
    }
  });
});
