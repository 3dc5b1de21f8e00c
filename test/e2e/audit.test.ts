import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { AuditFacade } from '../../src/audit/audit.facade';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { cleanEnv, runCli } from '../support/cli';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment, uniq } from '../support/test-env';

describe('audit over HTTP and through the CLI', () => {
  // Every CLI run boots the modules; on a busy machine that takes seconds.
  jest.setTimeout(120_000);
  let app: INestApplication;
  let url: string;
  let env: NodeJS.ProcessEnv;
  const T = `region-e2e-${uniq()}`;

  beforeAll(async () => {
    useTestEnvironment();
    env = cleanEnv({ DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: process.env.REDIS_URL!, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, STORAGE_ROOT: process.env.STORAGE_ROOT!, LOG_LEVEL: 'silent' });
    ({ app, url } = await startTestApp(ProcessRole.Api));
    const ctx = new RequestContext('e2e-corr-1', { kind: 'user', id: 'e2e-user', tenantId: T, grants: [] });
    for (let i = 0; i < 5; i++) await app.get(AuditFacade).record(ctx, { action: 'view' as never, informationTypeId: 'patient-record', patient: { id: '191212121212' }, recordIds: [`r${i}`] });
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['POST', 'patient-extract', { patientId: '191212121212' }],
    ['GET', 'users/u1/accesses', undefined],
    ['GET', 'flags', undefined],
    ['POST', 'samples', { size: 5 }],
    ['GET', 'samples', undefined],
    ['GET', 'samples/00000000-0000-0000-0000-000000000000', undefined],
    ['PUT', 'samples/00000000-0000-0000-0000-000000000000/items/1/note', { note: 'x' }],
    ['POST', 'samples/00000000-0000-0000-0000-000000000000/sign-off', { conclusion: 'x' }],
  ])('%s review route %s answers 401 without a signed-in reviewer', async (method, path, body) => {
    const res = await fetch(`${url}/api/v1/tenants/${T}/audit/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
  });

  it('the review routes are in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${url}/api/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/tenants/{tenantId}/audit/patient-extract', '/api/v1/tenants/{tenantId}/audit/samples/{sampleId}/sign-off']));
  });

  it('audit commands have --help', () => {
    for (const cmd of [['audit', 'verify'], ['audit', 'anchors'], ['audit', 'anchor']]) {
      const r = runCli([...cmd, '--help'], env);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: samarkiv ${cmd.join(' ')}`);
    }
  });

  it('verify exits 0 on an intact chain, anchors are printable, and a tampered chain exits 1 naming the entry', async () => {
    const ok = runCli(['audit', 'verify', '--tenant', T, '--json'], env);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, checked: 5, chains: [{ tenantId: T, ok: true, headSeq: 5 }] });

    expect(runCli(['audit', 'anchor'], env).status).toBe(0);
    const anchors = runCli(['audit', 'anchors', '--tenant', T], env);
    expect(anchors.status).toBe(0);
    expect(anchors.stdout).toMatch(new RegExp(`^${T}\\s+5\\s+[0-9a-f]{64}\\s+\\S+\\s+periodic`, 'm'));

    const pg = new Client({ connectionString: process.env.DATABASE_URL });
    await pg.connect();
    try {
      await pg.query('BEGIN');
      await pg.query('SET LOCAL session_replication_role = replica');
      await pg.query(`UPDATE audit_entry SET record_ids = '{forged}' WHERE tenant_id = $1 AND seq = 2`, [T]);
      await pg.query('COMMIT');
    } finally {
      await pg.end();
    }
    const broken = runCli(['audit', 'verify', '--tenant', T], env);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`${T}: seq 2 does not match its hash (changed)`);
    expect(broken.stdout).not.toContain('forged');
    const fromLater = runCli(['audit', 'verify', '--tenant', T, '--from', new Date(Date.now() + 60_000).toISOString(), '--json'], env);
    expect(JSON.parse(fromLater.stdout)).toMatchObject({ ok: true, checked: 0 });
  });
});
