import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthFacade } from '../../src/auth/auth.facade';
import { freePort } from '../../src/cli/demo/free-port';
import { RequestContext, Role } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { makeKeyPair } from '../support/saml-idp';
import { RunningIdp, startSimpleSamlPhp } from '../support/simplesamlphp';
import { uniq } from '../support/test-env';
import { ConsoleBrowser } from './console-browser';

/** The real login path: choose the region in the console, sign in at its IdP (SimpleSAMLphp), land on the home page. */
describe('console in a browser: SAML login through the region chooser', () => {
  const b = new ConsoleBrowser('saml');
  const dir = mkdtempSync(join(tmpdir(), 'console-ssp-'));
  const tenant = `region-cs-${uniq()}`;
  let idp: RunningIdp;
  jest.setTimeout(180_000);

  beforeAll(async () => {
    const [appPort, idpPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${appPort}`;
    const sp = makeKeyPair(dir, 'sp');
    idp = await startSimpleSamlPhp(
      dir,
      idpPort,
      [{ username: 'greta', password: 'greta123', uid: 'greta', displayName: 'Greta Granskare', hsaId: 'SE2321000164-greta', groups: ['samarkiv-log-review'] }],
      [{ entityId: `${url}/auth/${tenant}/saml/metadata`, acs: `${url}/auth/${tenant}/saml/acs`, slo: `${url}/auth/${tenant}/saml/logout` }],
    );
    await b.start({ demo: false, port: appPort, env: { PUBLIC_BASE_URL: url, SAML_SP_KEY_FILE: sp.keyFile, SAML_SP_CERT_FILE: sp.certFile } });
    const system = RequestContext.system('test');
    const tenancy = b.app.get(TenancyFacade);
    await tenancy.createTenant(system, { id: tenant, name: 'Region Provland', organisationNumber: '232100-0000', archiveAuthorityName: 'Regionarkivet' });
    const group = await tenancy.saveGroup(system, tenant, { name: 'Loggranskare', externalName: 'samarkiv-log-review' });
    await tenancy.grant(system, tenant, { subject: { groupId: group.id }, role: Role.LogReviewer, informationTypeId: 'patient-record' });
    await b.app.get(AuthFacade).setIdentityProvider(system, tenant, { metadataUrl: idp.metadataUrl, attributeMap: { userId: 'uid', displayName: 'displayName', hsaId: 'hsaIdentity', groups: 'groups' } });
  });

  afterAll(async () => {
    await b.stop();
    await idp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in at the region IdP, shows the region and the grant from the IdP group, and signs out there too', async () => {
    const { page, context } = await b.person();
    try {
      await page.goto('/review/samples');
      expect(await page.getByRole('link', { name: /Demo/ }).count()).toBe(0);
      await b.check(page, 'login');
      await page.getByRole('link', { name: 'Logga in – Region Provland' }).click();
      await page.fill('input[name="username"]', 'greta');
      await page.fill('input[name="password"]', 'greta123');
      await Promise.all([page.waitForURL(`${b.url}/review/samples`), page.click('button[type="submit"], input[type="submit"]')]);
      await expect(page.getByTestId('region').textContent()).resolves.toBe('Region Provland');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Stickprov');
      await b.check(page, 'after-login');
      await page.goto('/');
      await expect(page.getByRole('list').filter({ hasText: 'Loggranskare' }).textContent()).resolves.toContain('Loggranskare · Vårdinformation');

      // The SAML session's logout goes through the IdP's single logout.
      await page.getByRole('link', { name: 'Logga ut' }).click();
      await page.waitForURL(new RegExp(`/auth/${tenant}/saml/logout\\?SAMLResponse=`));
      expect(new URL((await page.goto('/'))!.url()).pathname).toBe('/login');
    } catch (err) {
      process.stderr.write(idp.log().slice(-3000));
      throw err;
    } finally {
      await context.close();
    }
  });
});
