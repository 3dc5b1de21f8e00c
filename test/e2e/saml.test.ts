import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext, Role, Tier } from '../../src/platform/context';
import { freePort } from '../../src/cli/demo/free-port';
import { AuthFacade, AuthEvent } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { UserRepository } from '../../src/tenancy/infrastructure/user.repository';
import { GrantRepository } from '../../src/tenancy/infrastructure/grant.repository';
import { authnRequestId, buildSamlResponse, KeyPair, makeKeyPair, ResponseOptions } from '../support/saml-idp';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment, uniq } from '../support/test-env';

/**
 * The SAML service provider against responses signed here with our own test IdP keys: one valid
 * login, and one test per refusal the issue lists. Each refusal must also reach the audit sink.
 */
describe('SAML login (self-signed assertions)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saml-'));
  let app: INestApplication;
  let url: string;
  let sp: KeyPair;
  let idpA: KeyPair;
  let idpB: KeyPair;
  const A = `region-sa-${uniq()}`;
  const B = `region-sb-${uniq()}`;
  const IDP_A = 'https://idp-a.example/idp';
  const IDP_B = 'https://idp-b.example/idp';
  const events: AuthEvent[] = [];

  const spUrls = (t: string) => ({ spEntityId: `${url}/auth/${t}/saml/metadata`, acs: `${url}/auth/${t}/saml/acs` });

  async function startLogin(tenant: string, returnTo = '/records'): Promise<string> {
    const res = await fetch(`${url}/auth/${tenant}/saml/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location.startsWith(tenant === A ? 'https://idp-a.example/sso' : 'https://idp-b.example/sso')).toBe(true);
    expect(new URL(location).searchParams.get('RelayState')).toBe(returnTo);
    return authnRequestId(location);
  }

  async function post(tenant: string, samlResponse: string, relayState = '/records') {
    const res = await fetch(`${url}/auth/${tenant}/saml/acs`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState }).toString(),
    });
    return { status: res.status, location: res.headers.get('location'), cookie: res.headers.get('set-cookie'), text: await res.text() };
  }

  const responseFor = async (tenant: string, overrides: Partial<ResponseOptions> = {}) =>
    buildSamlResponse({
      idpEntityId: tenant === A ? IDP_A : IDP_B,
      idpKeys: tenant === A ? idpA : idpB,
      ...spUrls(tenant),
      inResponseTo: overrides.inResponseTo ?? (await startLogin(tenant)),
      nameId: 'anna-persistent-id',
      attributes: { uid: 'anna', displayName: 'Anna Andersson', hsaIdentity: 'SE2321000164-anna', groups: ['samarkiv-readers', 'other'] },
      ...overrides,
    });

  beforeAll(async () => {
    sp = makeKeyPair(dir, 'sp');
    idpA = makeKeyPair(dir, 'idp-a');
    idpB = makeKeyPair(dir, 'idp-b');
    const port = await freePort();
    useTestEnvironment({ PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, SAML_SP_KEY_FILE: sp.keyFile, SAML_SP_CERT_FILE: sp.certFile, SAML_CLOCK_SKEW_SECONDS: '5' });
    ({ app, url } = await startTestApp(ProcessRole.Api, port));
    const system = RequestContext.system('test');
    const tenancy = app.get(TenancyFacade);
    for (const [t, idpId, keys] of [[A, IDP_A, idpA], [B, IDP_B, idpB]] as const) {
      await tenancy.createTenant(system, { id: t, name: t, organisationNumber: '232100-0000', archiveAuthorityName: 'Arkiv' });
      const group = await app.get(UserRepository).upsertGroup(t, 'Journalläsare', 'samarkiv-readers');
      await app.get(GrantRepository).insert({ tenantId: t, userId: null, groupId: group.id, role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate, createdBy: 'test' });
      await app.get(AuthFacade).setIdentityProvider(system, t, {
        entityId: idpId,
        ssoUrl: idpId.replace(/\/idp$/, '/sso'),
        sloUrl: idpId.replace(/\/idp$/, '/slo'),
        certificates: [keys.cert],
        attributeMap: { userId: 'uid', displayName: 'displayName', hsaId: 'hsaIdentity', groups: 'groups' },
      });
    }
    app.get(AuthFacade).setEventSink(async (_ctx, e) => {
      events.push(e);
    });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes SP metadata with the ACS, logout URL and the SP certificate', async () => {
    const res = await fetch(`${url}/auth/${A}/saml/metadata`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`entityID="${spUrls(A).spEntityId}"`);
    expect(xml).toContain(`Location="${spUrls(A).acs}"`);
    expect(xml).toContain(`/auth/${A}/saml/logout`);
    const certBody = sp.cert.replace(/-----[^-]+-----|\s/g, '');
    expect(xml.replace(/\s/g, '')).toContain(certBody);
  });

  it('a valid login creates the user just in time, maps groups to grants and opens a session', async () => {
    const res = await post(A, await responseFor(A));
    expect(res.status).toBe(303);
    expect(res.location).toBe('/records');
    expect(res.cookie).toMatch(/^samarkiv\.sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await (await fetch(`${url}/api/v1/me`, { headers: { cookie: res.cookie!.split(';')[0] } })).json();
    expect(me).toMatchObject({ authenticated: true, kind: 'user', tenantId: A, displayName: 'Anna Andersson', grants: [{ role: 'reader', tenantId: A, informationTypeId: 'patient-record', tier: 'intermediate' }] });
    const user = await app.get(TenancyFacade).findUserByExternalId(A, 'anna');
    expect(user).toMatchObject({ hsaId: 'SE2321000164-anna' });
    expect(events.at(-1)).toMatchObject({ action: 'login', tenantId: A, outcome: 'success' });
  });

  it('accepts encrypted assertions', async () => {
    const res = await post(A, await responseFor(A, { encryptFor: sp.cert }));
    expect(res.status).toBe(303);
  });

  it('a person without any grant gets the no-access page and no session', async () => {
    const res = await post(A, await responseFor(A, { attributes: { uid: 'nobody', displayName: 'Ingen Alls', groups: [] } }));
    expect(res.status).toBe(403);
    expect(res.cookie).toBeNull();
    expect(res.text).toContain('Ingen behörighet');
    expect(events.at(-1)).toMatchObject({ action: 'login-refused', reason: 'no grant' });
  });

  const refusals: Array<[string, () => Promise<string>, RegExp]> = [
    ['unsigned response and assertion', () => responseFor(A, { signResponse: false, signAssertion: false }), /unsigned|signature/],
    ['unsigned assertion', () => responseFor(A, { signAssertion: false }), /unsigned|signature/],
    ['unsigned response', () => responseFor(A, { signResponse: false }), /unsigned|signature/],
    ['a bad signature (content changed after signing)', () => responseFor(A, { tamper: true, signResponse: false }), /signature/],
    ['SHA-1 signatures', () => responseFor(A, { algorithm: 'sha1' }), /weak signature algorithm/],
    ['a wrong audience', () => responseFor(A, { audience: 'https://someone-else.example/sp' }), /wrong audience/],
    ['a wrong recipient', () => responseFor(A, { recipient: `${url}/auth/${B}/saml/acs` }), /wrong recipient/],
    ['a wrong destination', () => responseFor(A, { destination: 'https://phish.example/acs' }), /wrong destination/],
    ['an expired assertion', () => responseFor(A, { notBefore: new Date(Date.now() - 3600_000), notOnOrAfter: new Date(Date.now() - 600_000) }), /expired/],
    ['a not-yet-valid assertion', () => responseFor(A, { notBefore: new Date(Date.now() + 600_000), notOnOrAfter: new Date(Date.now() + 1200_000) }), /not yet valid/],
    ['an unknown InResponseTo', () => responseFor(A, { inResponseTo: '_never-sent' }), /InResponseTo/],
    ['no InResponseTo (unsolicited)', () => responseFor(A, { inResponseTo: '' }), /InResponseTo/],
    ['the IdP of region A used for region B', async () => responseFor(A, { inResponseTo: await startLogin(B), ...spUrls(B) }), /signature|issuer/],
  ];

  it.each(refusals)('refuses %s, shows a plain error page and audits the reason', async (_name, build, reason) => {
    const before = events.length;
    const res = await post(_name.includes('region B') ? B : A, await build());
    expect(res.status).toBe(401);
    expect(res.cookie).toBeNull();
    expect(res.text).toContain('Inloggningen nekades');
    const event = events.slice(before).find((e) => e.action === 'login-refused');
    expect(event).toBeDefined();
    expect(event!.reason).toMatch(reason);
    expect(res.text).toContain(event!.reason!.replace(/&/g, '&amp;'));
    // …and it is in the tamper-evident audit log of that region.
    const [logged] = await app.get(DataSource).query(
      `SELECT outcome, details FROM audit_entry WHERE tenant_id = $1 AND action = 'login-refused' ORDER BY seq DESC LIMIT 1`,
      [_name.includes('region B') ? B : A],
    );
    expect(logged).toMatchObject({ outcome: 'refused', details: { reason: event!.reason } });
  });

  it('refuses a replayed assertion even under a new request id', async () => {
    const assertionId = `_replay-${uniq()}`;
    expect((await post(A, await responseFor(A, { assertionId }))).status).toBe(303);
    const again = await post(A, await responseFor(A, { assertionId }));
    expect(again.status).toBe(401);
    expect(events.at(-1)).toMatchObject({ action: 'login-refused', reason: 'replayed assertion' });
  });

  it('refuses the same response posted twice', async () => {
    const response = await responseFor(A);
    expect((await post(A, response)).status).toBe(303);
    expect((await post(A, response)).status).toBe(401);
  });

  it('never redirects outside the site after login', async () => {
    const res = await post(A, await responseFor(A), 'https://evil.example/');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
  });

  it('logout ends the session and sends the user to the IdP for single logout', async () => {
    const login = await post(A, await responseFor(A));
    const cookie = login.cookie!.split(';')[0];
    const out = await fetch(`${url}/auth/${A}/saml/logout`, { headers: { cookie }, redirect: 'manual' });
    expect(out.status).toBe(302);
    const location = new URL(out.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://idp-a.example/slo');
    expect(location.searchParams.get('SAMLRequest')).toBeTruthy();
    const me = await (await fetch(`${url}/api/v1/me`, { headers: { cookie } })).json();
    expect(me).toMatchObject({ authenticated: false });
  });
});
