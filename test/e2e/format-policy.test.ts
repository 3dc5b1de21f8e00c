import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_FORMAT_POLICY } from '@samarkiv/pronom';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { IngestFacade } from '../../src/ingest/ingest.facade';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment } from '../support/test-env';
import { Session, TestHttp } from '../support/http-session';

/** The accepted-format policy per tenant × information type, as a tenant administrator sees it. */
describe('format policy per tenant and information type (HTTP)', () => {
  let app: INestApplication;
  let http: TestHttp;
  let eva: Session; // tenant administrator, region-orebro
  let anna: Session; // reader, region-orebro
  let gustav: Session; // tenant administrator, region-uppsala
  const base = '/api/v1/tenants/region-orebro/format-policies';
  const ownPolicy = { name: 'Region Örebro journal', defaultDecision: 'reject', formats: { 'fmt/95': 'accept', 'fmt/276': 'reject', 'x-fmt/111': 'accept-with-warning' } };

  beforeAll(async () => {
    useTestEnvironment({ DEMO_MODE: 'true' });
    const started = await startTestApp(ProcessRole.Api);
    app = started.app;
    http = new TestHttp(started.url);
    await app.get(TenancyFacade).seedDemo(RequestContext.system('test'));
    [eva, anna, gustav] = await Promise.all([http.login('region-orebro', 'eva'), http.login('region-orebro', 'anna'), http.login('region-uppsala', 'gustav')]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists the default policy for every information type the tenant has', async () => {
    const res = await http.get(base, eva);
    expect(res.status).toBe(200);
    const list = (await res.json()) as Array<{ informationTypeId: string; source: string; policy: { name: string } }>;
    expect(list.map((p) => p.informationTypeId)).toEqual(expect.arrayContaining(['patient-record', 'finance']));
    for (const p of list) expect(p).toMatchObject({ source: 'default', policy: { name: DEFAULT_FORMAT_POLICY.name } });
  });

  it('a tenant administrator saves an own policy; ingest then applies it for that type only', async () => {
    const put = await http.send('PUT', `${base}/patient-record`, ownPolicy, eva);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ informationTypeId: 'patient-record', source: 'tenant', policy: ownPolicy, updatedBy: expect.any(String) });

    const ingest = app.get(IngestFacade);
    const job = RequestContext.job('region-orebro', 'test-job');
    expect(await ingest.formatPolicyFor(job, 'patient-record')).toEqual(ownPolicy);
    expect(await ingest.formatPolicyFor(job, 'finance')).toEqual(DEFAULT_FORMAT_POLICY);
    // Another tenant is untouched.
    expect(await ingest.formatPolicyFor(RequestContext.job('region-uppsala', 'test-job'), 'patient-record')).toEqual(DEFAULT_FORMAT_POLICY);

    const rows = await app.get(DataSource).query(
      `SELECT details FROM audit_entry WHERE tenant_id = 'region-orebro' AND action = 'config-change' AND information_type_id = 'patient-record' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0].details).toMatchObject({ what: 'format-policy', name: ownPolicy.name, accept: 1, reject: 1, 'accept-with-warning': 1 });
  });

  it('refuses a policy with bad PUIDs or decisions, naming every problem, and keeps the saved one', async () => {
    const res = await http.send('PUT', `${base}/patient-record`, { name: 'x', defaultDecision: 'reject', formats: { 'pdf': 'accept', 'fmt/18': 'maybe' } }, eva);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('FORMAT_POLICY_INVALID');
    expect(body.message).toContain('"pdf" is not a PRONOM PUID');
    expect(body.message).toContain('fmt/18: decision must be one of');
    const kept = (await (await http.get(`${base}/patient-record`, eva)).json()) as { policy: unknown };
    expect(kept.policy).toEqual(ownPolicy);

    const missing = await http.send('PUT', `${base}/patient-record`, { name: 'x', formats: {} }, eva);
    expect(missing.status).toBe(400);
  });

  it('resetting returns to the built-in default', async () => {
    const res = await http.send('DELETE', `${base}/patient-record`, undefined, eva);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ source: 'default', policy: DEFAULT_FORMAT_POLICY });
    expect(await app.get(IngestFacade).formatPolicyFor(RequestContext.job('region-orebro', 'j'), 'patient-record')).toEqual(DEFAULT_FORMAT_POLICY);
  });

  it('readers may not read or change it; another tenant gets 404; unknown types get 404', async () => {
    expect((await http.get(base, anna)).status).toBe(403);
    expect((await http.send('PUT', `${base}/patient-record`, ownPolicy, anna)).status).toBe(403);
    expect((await http.get(base, gustav)).status).toBe(404);
    expect((await http.send('PUT', `${base}/patient-record`, ownPolicy, gustav)).status).toBe(404);
    expect((await http.get(`${base}/no-such-type`, eva)).status).toBe(404);
    expect((await http.get(base)).status).toBe(401);
  });
});
