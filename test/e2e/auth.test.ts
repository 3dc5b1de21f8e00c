import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { ApiClientRepository } from '../../src/auth/infrastructure/api-client.repository';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment } from '../support/test-env';

interface Session {
  cookie: string;
  csrf: string;
}

/** Demo login, sessions, CSRF, API clients and tenant isolation over HTTP, with the demo seed. */
describe('access over HTTP (demo login and API clients)', () => {
  let app: INestApplication;
  let url: string;

  async function login(tenant: string | null, user: string): Promise<Session> {
    const res = await fetch(`${url}/auth/demo/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: tenant ?? '', user }) });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const session = (await (await fetch(`${url}/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    return { cookie, csrf: session.csrfToken };
  }

  const get = (path: string, s?: Session, token?: string) =>
    fetch(`${url}${path}`, { headers: { ...(s ? { cookie: s.cookie } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const post = (path: string, body: unknown, s?: Session, opts: { csrf?: string | null; token?: string } = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(s ? { cookie: s.cookie } : {}),
        ...(s && opts.csrf !== null ? { 'x-csrf-token': opts.csrf ?? s.csrf } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    useTestEnvironment({ DEMO_MODE: 'true', SESSION_IDLE_TIMEOUT_MINUTES: '1' });
    ({ app, url } = await startTestApp(ProcessRole.Api));
    await app.get(TenancyFacade).seedDemo(RequestContext.system('test'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists demo users with tenant, user id and grants, and shows a login page', async () => {
    const users = (await (await get('/auth/demo/users')).json()) as Array<{ tenant: string | null; user: string; grants: unknown[] }>;
    expect(users).toEqual(expect.arrayContaining([expect.objectContaining({ tenant: 'region-orebro', user: 'anna' }), expect.objectContaining({ tenant: null, user: 'olle' })]));
    const page = await get('/auth/demo');
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toMatch(/samarkiv\.csrf=/);
    expect(await page.text()).toContain('Demoinloggning');
  });

  it('a demo login sets the session cookie and /api/v1/me shows the grants', async () => {
    const s = await login('region-orebro', 'anna');
    const me = await (await get('/api/v1/me', s)).json();
    expect(me).toMatchObject({ authenticated: true, tenantId: 'region-orebro', displayName: 'Anna Andersson', grants: [{ role: 'reader', informationTypeId: 'patient-record' }] });
  });

  it('a form login needs the double-submit CSRF cookie', async () => {
    const form = (extra: Record<string, string>, cookie?: string) =>
      fetch(`${url}/auth/demo/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: new URLSearchParams({ tenant: 'region-orebro', user: 'anna', ...extra }).toString(),
      });
    expect((await form({})).status).toBe(403);
    expect((await form({ _csrf: 'abc' }, 'samarkiv.csrf=xyz')).status).toBe(403);
    const ok = await form({ _csrf: 'same-token' }, 'samarkiv.csrf=same-token');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('set-cookie')).toMatch(/^samarkiv\.sid=/);
  });

  it('state-changing requests with a session need its CSRF token', async () => {
    const eva = await login('region-orebro', 'eva');
    const body = { name: 'csrf-check', scopes: ['deliver'], informationTypes: ['patient-record'] };
    const noToken = await post('/api/v1/tenants/region-orebro/api-clients', body, eva, { csrf: null });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ code: 'CSRF_FAILED' });
    expect((await post('/api/v1/tenants/region-orebro/api-clients', body, eva, { csrf: 'wrong' })).status).toBe(403);
    expect((await post('/api/v1/tenants/region-orebro/api-clients', body, eva)).status).toBe(201);
  });

  it('logout ends the session', async () => {
    const s = await login('region-uppsala', 'frida');
    expect((await post('/auth/logout', {}, s)).status).toBe(204);
    expect(await (await get('/api/v1/me', s)).json()).toMatchObject({ authenticated: false });
  });

  it('a logout in one API process ends the session in the others at once', async () => {
    const other = await startTestApp(ProcessRole.Api);
    try {
      const s = await login('region-uppsala', 'frida');
      const meThere = async () => ((await (await fetch(`${other.url}/api/v1/me`, { headers: { cookie: s.cookie } })).json()) as { authenticated: boolean }).authenticated;
      expect(await meThere()).toBe(true);
      expect(await meThere()).toBe(true);
      expect((await post('/auth/logout', {}, s)).status).toBe(204);
      const by = Date.now() + 1_000;
      let authenticated = await meThere();
      while (authenticated && Date.now() < by) authenticated = await meThere();
      expect(authenticated).toBe(false);
    } finally {
      await other.app.close();
    }
  });

  it("a granted or revoked grant applies to the person's next request; an account disabled by another process is refused as soon as it commits", async () => {
    const frida = await login('region-uppsala', 'frida');
    const gustav = await login('region-uppsala', 'gustav');
    const me = async () => (await (await get('/api/v1/me', frida)).json()) as { authenticated: boolean; id: string; grants: Array<{ informationTypeId: string | null }> };
    const { id } = await me();
    const granted = await post('/api/v1/tenants/region-uppsala/grants', { userId: id, role: 'reader', informationTypeId: 'registry', tier: 'intermediate' }, gustav);
    expect(granted.status).toBe(201);
    expect((await me()).grants.map((g) => g.informationTypeId)).toContain('registry');
    const rows = (await (await get('/api/v1/tenants/region-uppsala/grants', gustav)).json()) as Array<{ id: string; userId: string | null; informationTypeId: string | null }>;
    const row = rows.find((r) => r.userId === id && r.informationTypeId === 'registry')!;
    const revoked = await fetch(`${url}/api/v1/tenants/region-uppsala/grants/${row.id}`, { method: 'DELETE', headers: { cookie: gustav.cookie, 'x-csrf-token': gustav.csrf } });
    expect(revoked.status).toBe(204);
    expect((await me()).grants.map((g) => g.informationTypeId)).not.toContain('registry');

    // Plain SQL in another connection, as another process or an operator's script would change it.
    const owner = await new DataSource({ type: 'postgres', url: process.env.TEST_RUN_DATABASE_URL }).initialize();
    try {
      await owner.query(`UPDATE user_account SET disabled = true WHERE id = $1`, [id]);
      const refusedBy = Date.now() + 2_000;
      let me2 = await me();
      while (me2.authenticated && Date.now() < refusedBy) me2 = await me();
      expect(me2.authenticated).toBe(false);
    } finally {
      await owner.query(`UPDATE user_account SET disabled = false WHERE id = $1`, [id]);
      await owner.destroy();
    }
  });

  it('API clients: token shown once, hashed at rest, rotation with overlap, revocation at once', async () => {
    const eva = await login('region-orebro', 'eva');
    const created = (await (await post('/api/v1/tenants/region-orebro/api-clients', { name: 'ehr-export', scopes: ['deliver', 'receipts'], informationTypes: ['patient-record'] }, eva)).json()) as {
      client: { id: string };
      token: string;
    };
    expect(created.token).toMatch(/^smk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const row = await app.get(ApiClientRepository).find('region-orebro', created.client.id);
    expect(row!.secretHash).toMatch(/^scrypt\$/);
    expect(row!.secretHash).not.toContain(created.token.split('_').pop());
    const listed = (await (await get('/api/v1/tenants/region-orebro/api-clients', eva)).json()) as Array<Record<string, unknown>>;
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const me = await (await get('/api/v1/me', undefined, created.token)).json();
    expect(me).toMatchObject({ authenticated: true, kind: 'api-client', tenantId: 'region-orebro' });

    const rotated = (await (await post(`/api/v1/tenants/region-orebro/api-clients/${created.client.id}/rotate`, {}, eva)).json()) as { token: string; client: { previousValidUntil: string } };
    expect(rotated.token).not.toBe(created.token);
    expect(Date.parse(rotated.client.previousValidUntil)).toBeGreaterThan(Date.now());
    expect((await get('/api/v1/me', undefined, created.token)).status).toBe(200); // overlap
    expect((await get('/api/v1/me', undefined, rotated.token)).status).toBe(200);

    await post(`/api/v1/tenants/region-orebro/api-clients/${created.client.id}/revoke`, {}, eva);
    const revoked = await get('/api/v1/me', undefined, rotated.token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ code: 'INVALID_TOKEN' });
    expect((await get('/api/v1/me', undefined, created.token)).status).toBe(401);
  });

  it('an expired API client is refused', async () => {
    const eva = await login('region-orebro', 'eva');
    const created = (await (await post('/api/v1/tenants/region-orebro/api-clients', { name: 'short-lived', scopes: ['validate'], informationTypes: ['finance'] }, eva)).json()) as {
      client: { id: string };
      token: string;
    };
    await app.get(ApiClientRepository).update('region-orebro', created.client.id, { expiresAt: new Date(Date.now() - 1000) });
    expect((await get('/api/v1/me', undefined, created.token)).status).toBe(401);
  });

  it("every tenant endpoint answers 404 for another tenant's resources, to users and API clients", async () => {
    const eva = await login('region-orebro', 'eva');
    const gustav = await login('region-uppsala', 'gustav');
    const uppsalaClient = (await (await post('/api/v1/tenants/region-uppsala/api-clients', { name: 'uppsala-x', scopes: ['deliver'], informationTypes: ['finance'] }, gustav)).json()) as {
      client: { id: string };
      token: string;
    };
    const orebroClient = (await (await post('/api/v1/tenants/region-orebro/api-clients', { name: 'orebro-x', scopes: ['deliver'], informationTypes: ['finance'] }, eva)).json()) as {
      token: string;
    };
    const uppsalaUsers = (await (await get('/api/v1/tenants/region-uppsala/users', gustav)).json()) as Array<{ id: string }>;
    const paths = [
      '/api/v1/tenants/region-uppsala',
      '/api/v1/tenants/region-uppsala/users',
      `/api/v1/tenants/region-uppsala/users/${uppsalaUsers[0].id}`,
      '/api/v1/tenants/region-uppsala/api-clients',
      `/api/v1/tenants/region-uppsala/api-clients/${uppsalaClient.client.id}`,
      '/api/v1/tenants/region-uppsala/identity-provider',
    ];
    for (const path of paths) {
      expect([path, (await get(path, eva)).status]).toEqual([path, 404]);
      expect([path, (await get(path, undefined, orebroClient.token)).status]).toEqual([path, 404]);
    }
    const posts: Array<[string, unknown]> = [
      [`/api/v1/tenants/region-uppsala/api-clients/${uppsalaClient.client.id}/revoke`, {}],
      [`/api/v1/tenants/region-uppsala/api-clients/${uppsalaClient.client.id}/rotate`, {}],
      ['/api/v1/tenants/region-uppsala/api-clients', { name: 'sneaky', scopes: ['deliver'], informationTypes: ['finance'] }],
      ['/api/v1/tenants/region-uppsala/grants', { userId: uppsalaUsers[0].id, role: 'reader', informationTypeId: 'finance', tier: 'intermediate' }],
    ];
    for (const [path, body] of posts) expect([path, (await post(path, body, eva)).status]).toEqual([path, 404]);
    // Each attempt is in region-orebro's audit log, naming the target only by id.
    const refused = (await app.get(DataSource).query(
      `SELECT actor_kind, details FROM audit_entry WHERE tenant_id = 'region-orebro' AND action = 'access-refused'`,
    )) as Array<{ actor_kind: string; details: { targetTenantId: string; route: string } }>;
    expect(refused.filter((r) => r.actor_kind === 'user').length).toBeGreaterThanOrEqual(paths.length + posts.length);
    expect(refused.filter((r) => r.actor_kind === 'api-client').length).toBeGreaterThanOrEqual(paths.length);
    expect(refused.every((r) => r.details.targetTenantId === 'region-uppsala' && r.details.route.startsWith('/api/v1/tenants/:tenantId'))).toBe(true);
    // Their own tenant works, and the Uppsala client still works.
    expect((await get('/api/v1/tenants/region-orebro/users', eva)).status).toBe(200);
    expect((await get('/api/v1/me', undefined, uppsalaClient.token)).status).toBe(200);
  });

  it('a reader is not a tenant administrator (403 in their own tenant)', async () => {
    const anna = await login('region-orebro', 'anna');
    expect((await get('/api/v1/tenants/region-orebro/users', anna)).status).toBe(403);
    expect((await get('/api/v1/tenants/region-orebro/api-clients', anna)).status).toBe(403);
  });

  it('the operator sees every tenant but administers no content', async () => {
    const olle = await login(null, 'olle');
    const tenants = (await (await get('/api/v1/tenants', olle)).json()) as Array<{ id: string }>;
    expect(tenants.map((t) => t.id)).toEqual(expect.arrayContaining(['region-orebro', 'region-uppsala']));
    const me = (await (await get('/api/v1/me', olle)).json()) as { grants: Array<{ role: string }> };
    expect(me.grants.map((g) => g.role)).toEqual(['operator']);
  });
});

describe('demo login outside demo mode', () => {
  it('does not exist', async () => {
    useTestEnvironment({ DEMO_MODE: 'false' });
    const { app, url } = await startTestApp(ProcessRole.Api);
    try {
      expect((await fetch(`${url}/auth/demo/users`)).status).toBe(404);
      const res = await fetch(`${url}/auth/demo/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tenant":"region-orebro","user":"anna"}' });
      expect(res.status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
