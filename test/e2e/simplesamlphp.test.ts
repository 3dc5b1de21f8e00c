import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, Browser } from 'playwright-core';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext, Role, Tier } from '../../src/platform/context';
import { freePort } from '../../src/cli/demo/free-port';
import { AuthFacade } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { UserRepository } from '../../src/tenancy/infrastructure/user.repository';
import { GrantRepository } from '../../src/tenancy/infrastructure/grant.repository';
import { RunningIdp, startSimpleSamlPhp } from '../support/simplesamlphp';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment, uniq } from '../support/test-env';
import { makeKeyPair } from '../support/saml-idp';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Login through a real identity provider (SimpleSAMLphp), as an HTTP client and in Chromium. */
describe('SAML login against SimpleSAMLphp', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssp-'));
  let app: INestApplication;
  let url: string;
  let idp: RunningIdp;
  const A = `region-ia-${uniq()}`;
  const B = `region-ib-${uniq()}`;

  beforeAll(async () => {
    const [appPort, idpPort] = [await freePort(), await freePort()];
    url = `http://127.0.0.1:${appPort}`;
    const sp = makeKeyPair(dir, 'sp');
    idp = await startSimpleSamlPhp(
      dir,
      idpPort,
      [
        { username: 'anna', password: 'anna123', uid: 'anna', displayName: 'Anna Andersson', hsaId: 'SE2321000164-anna', groups: ['samarkiv-readers'] },
        { username: 'bertil', password: 'bertil123', uid: 'bertil', displayName: 'Bertil Berg', hsaId: 'SE2321000024-bertil', groups: ['samarkiv-archivists'] },
      ],
      [A, B].map((t) => ({ entityId: `${url}/auth/${t}/saml/metadata`, acs: `${url}/auth/${t}/saml/acs`, slo: `${url}/auth/${t}/saml/logout` })),
    );
    useTestEnvironment({ PUBLIC_BASE_URL: url, SAML_SP_KEY_FILE: sp.keyFile, SAML_SP_CERT_FILE: sp.certFile });
    ({ app, url } = await startTestApp(ProcessRole.Api, appPort));
    const system = RequestContext.system('test');
    const grantsByTenant = { [A]: ['samarkiv-readers', Role.Reader], [B]: ['samarkiv-archivists', Role.Archivist] } as const;
    for (const t of [A, B]) {
      await app.get(TenancyFacade).createTenant(system, { id: t, name: t, organisationNumber: '232100-0000', archiveAuthorityName: 'Arkiv' });
      const [external, role] = grantsByTenant[t];
      const group = await app.get(UserRepository).upsertGroup(t, external, external);
      await app.get(GrantRepository).insert({ tenantId: t, userId: null, groupId: group.id, role, informationTypeId: 'patient-record', tier: Tier.Intermediate, createdBy: 'test' });
      // The tenant administrator gives the IdP by its metadata URL.
      await app.get(AuthFacade).setIdentityProvider(system, t, { metadataUrl: idp.metadataUrl, attributeMap: { userId: 'uid', displayName: 'displayName', hsaId: 'hsaIdentity', groups: 'groups' } });
    }
  });

  afterAll(async () => {
    await app?.close();
    await idp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an HTTP client logs in through the real login form and gets a session in the right tenant', async () => {
    const jar = new Map<string, string>();
    const remember = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [k, v] = pair.split('=');
        jar.set(k, v);
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const start = await fetch(`${url}/auth/${A}/saml/login?returnTo=/api/v1/me`, { redirect: 'manual' });
    let res = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    remember(res);
    while (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, idp.baseUrl).toString();
      res = await fetch(next, { redirect: 'manual', headers: { cookie: cookie() } });
      remember(res);
    }
    const form = await res.text();
    const authState = /name="AuthState" value="([^"]+)"/.exec(form)?.[1]?.replace(/&amp;/g, '&');
    expect(authState).toBeDefined();
    const loginPath = new URL(res.url || `${idp.baseUrl}/module.php/core/loginuserpass.php`).pathname;
    const posted = await fetch(`${idp.baseUrl}${loginPath}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
      body: new URLSearchParams({ username: 'anna', password: 'anna123', AuthState: authState! }).toString(),
    });
    const autoPost = await posted.text();
    const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(autoPost)?.[1];
    const relayState = /name="RelayState" value="([^"]+)"/.exec(autoPost)?.[1];
    expect(samlResponse).toBeDefined();
    const acs = await fetch(`${url}/auth/${A}/saml/acs`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLResponse: samlResponse!, RelayState: (relayState ?? '').replace(/&#x2F;|&#47;/g, '/') }).toString(),
    });
    expect(acs.status).toBe(303);
    const session = acs.headers.get('set-cookie')!.split(';')[0];
    const me = await (await fetch(`${url}/api/v1/me`, { headers: { cookie: session } })).json();
    expect(me).toMatchObject({ authenticated: true, tenantId: A, displayName: 'Anna Andersson', grants: [{ role: 'reader', tenantId: A }] });
  });

  it('a person logs in in Chromium through the real login form, lands in the right tenant, and logs out', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      await page.goto(`${url}/auth/${B}/saml/login?returnTo=/api/v1/me`);
      await page.fill('input[name="username"]', 'bertil');
      await page.fill('input[name="password"]', 'bertil123');
      await Promise.all([page.waitForURL(`${url}/api/v1/me`), page.click('button[type="submit"], input[type="submit"]')]);
      const me = JSON.parse((await page.textContent('body')) ?? '{}') as { tenantId: string; displayName: string; grants: Array<{ role: string }> };
      expect(me).toMatchObject({ tenantId: B, displayName: 'Bertil Berg', grants: [{ role: 'archivist' }] });
      await page.screenshot({ path: join(dir, 'after-login.png') });

      // SP-initiated logout goes through the IdP's single logout and back.
      await page.goto(`${url}/auth/${B}/saml/logout`);
      await page.waitForURL(new RegExp(`^${url}/auth/${B}/saml/logout\\?SAMLResponse=`));
      expect(await page.textContent('h1')).toContain('utloggad');
      await page.goto(`${url}/api/v1/me`);
      expect(JSON.parse((await page.textContent('body')) ?? '{}')).toMatchObject({ authenticated: false });
    } catch (err) {
      process.stderr.write(idp.log().slice(-3000));
      throw err;
    } finally {
      await browser?.close();
    }
  });
});
