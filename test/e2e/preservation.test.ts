import { INestApplication } from '@nestjs/common';
import { objectId } from '@samarkiv/storage';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { JobName } from '../../src/platform/queue/queue-names';
import { PreservationFacade } from '../../src/preservation/preservation.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { StorageLocations } from '../../src/preservation/infrastructure/storage-locations';
import { cleanEnv, runCli } from '../support/cli';
import { sourceFiles } from '../support/preservation-fixtures';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment, waitFor } from '../support/test-env';

/** Operators' storage API and CLI, and the scheduled audit job, against a running app with a worker. */
describe('preservation over HTTP, through the CLI and as a scheduled job', () => {
  jest.setTimeout(180_000);
  let app: INestApplication;
  let url: string;
  let env: NodeJS.ProcessEnv;
  let storageRoot: string;
  const T = 'region-orebro';

  async function login(tenant: string | null, user: string): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`${url}/auth/demo/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: tenant ?? '', user }) });
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const session = (await (await fetch(`${url}/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    return { cookie, csrf: session.csrfToken };
  }
  const call = (method: string, path: string, s?: { cookie: string; csrf: string }, body?: unknown) =>
    fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    ({ storageRoot } = useTestEnvironment({ DEMO_MODE: 'true' }));
    env = cleanEnv({ DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: process.env.REDIS_URL!, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, STORAGE_ROOT: storageRoot, LOG_LEVEL: 'silent' });
    ({ app, url } = await startTestApp(ProcessRole.All));
    await app.get(TenancyFacade).seedDemo(RequestContext.system('test'));
  });
  afterAll(async () => app?.close());

  it('operators read audit reports and locations; others may not', async () => {
    expect((await call('GET', '/api/v1/preservation/audits')).status).toBe(401);
    const anna = await login(T, 'anna');
    expect((await call('GET', '/api/v1/preservation/audits', anna)).status).toBe(403);
    const olle = await login(null, 'olle');
    const audits = await call('GET', '/api/v1/preservation/audits?limit=5', olle);
    expect(audits.status).toBe(200);
    expect(Array.isArray(await audits.json())).toBe(true);
    const locations = (await (await call('GET', '/api/v1/preservation/locations', olle)).json()) as Array<{ name: string; description: string }>;
    expect(locations.map((l) => l.name)).toEqual(['primary', 'secondary']);
  });

  it('operators set storage policies; a tenant sees its own; other tenants get 404', async () => {
    const olle = await login(null, 'olle');
    const set = await call('PUT', `/api/v1/preservation/policies/${T}`, olle, { locations: ['secondary', 'primary'] });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ tenantId: T, locations: ['secondary', 'primary'], isDefault: false });
    expect((await call('PUT', `/api/v1/preservation/policies/${T}`, olle, { locations: ['primary'] })).status).toBe(400);
    expect(await (await call('PUT', `/api/v1/preservation/policies/${T}`, olle, { locations: ['primary', 'nowhere'] })).json()).toMatchObject({ code: 'PRESERVATION_UNKNOWN_LOCATION' });
    const eva = await login(T, 'eva');
    expect(await (await call('GET', `/api/v1/preservation/policies/${T}`, eva)).json()).toMatchObject({ locations: ['secondary', 'primary'] });
    expect((await call('PUT', `/api/v1/preservation/policies/${T}`, eva, { locations: null })).status).toBe(403);
    const frida = await login('region-uppsala', 'frida');
    expect((await call('GET', `/api/v1/preservation/policies/${T}`, frida)).status).toBe(404);
    const reset = await call('PUT', `/api/v1/preservation/policies/${T}`, olle, { locations: null });
    expect(await reset.json()).toMatchObject({ locations: ['primary', 'secondary'], isDefault: true });
  });

  it('the worker keeps an audit schedule per location and runs it as a job', async () => {
    const jobs = app.get(JobQueueService);
    const schedulers = await jobs.queue(JobName.PreservationAudit).getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['preservation.audit.primary', 'preservation.audit.secondary']);
    const ds = app.get<DataSource>(getDataSourceToken());
    await jobs.enqueue(JobName.PreservationAudit, { tenantId: '_central', location: 'secondary' }, `test-${randomUUID()}`);
    const run = await waitFor(async () => {
      const rows = (await ds.query(`SELECT status FROM fixity_audit_run WHERE location = 'secondary' AND trigger = 'schedule' AND status = 'completed'`)) as unknown[];
      return rows.length > 0 && rows;
    }, 60_000);
    expect(run.length).toBeGreaterThan(0);
  });

  it('samarkiv storage verify finds a damaged copy (exit 1), storage repair restores it (exit 0)', async () => {
    for (const cmd of [['storage', 'verify'], ['storage', 'repair'], ['storage', 'policy'], ['storage', 'audits'], ['storage', 'locations']]) {
      const r = runCli([...cmd, '--help'], env);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: samarkiv ${cmd.join(' ')}`);
    }
    const id = objectId(T, 'aip', randomUUID());
    const files = sourceFiles(join(storageRoot, 'e2e-src'), 1);
    await app.get(PreservationFacade).storeObject(RequestContext.job(T, 'e2e'), { objectId: id, files, message: 'ingest' });
    const { store } = await app.get(StorageLocations).get('secondary');
    const damaged = join(storageRoot, 'archive', 'secondary', store.objectRoot(T, id), 'v1/content/representations/rep1/data/scan.tif');
    const original = readFileSync(damaged);
    writeFileSync(damaged, Buffer.concat([original.subarray(0, 10), Buffer.from('x'), original.subarray(11)]));

    const verify = runCli(['storage', 'verify', '--tenant', T, '--json'], env);
    expect(verify.status).toBe(1);
    const report = JSON.parse(verify.stdout) as { ok: boolean; runs: Array<{ location: string; failures: Array<{ objectId: string; kinds: string[] }> }> };
    expect(report.ok).toBe(false);
    expect(report.runs.find((r) => r.location === 'secondary')?.failures).toEqual([expect.objectContaining({ objectId: id, kinds: ['changed'] })]);
    const human = runCli(['storage', 'verify', '--tenant', T, '--location', 'secondary'], env);
    expect(human.stdout).toContain(`${id} (${T}): changed in 1 file(s)`);

    const repair = runCli(['storage', 'repair', '--tenant', T], env);
    expect(repair.stderr).toBe('');
    expect(repair.status).toBe(0);
    expect(repair.stdout).toContain(`repaired ${id} (${T}) in secondary`);
    expect(readFileSync(damaged).equals(original)).toBe(true);
    expect(runCli(['storage', 'verify', '--tenant', T], env).status).toBe(0);
    const audits = runCli(['storage', 'audits', '--location', 'secondary', '--limit', '3', '--json'], env);
    expect(audits.status).toBe(0);
    expect((JSON.parse(audits.stdout) as unknown[]).length).toBe(3);
  });
});
