import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeKeyPair } from '../support/saml-idp';
import { ConsoleBrowser } from './console-browser';

/** The tenant administrator's main flow, in a real browser against the real app. */
describe('console in a browser: tenant administrator', () => {
  const b = new ConsoleBrowser('admin');
  jest.setTimeout(180_000);

  beforeAll(() => b.start());
  afterAll(() => b.stop());

  it('gives a user a grant, sees it take effect, and removes it', async () => {
    const { page, context } = await b.person('region-orebro', 'eva');
    await page.goto('/admin/users');
    await b.check(page, 'users');
    const row = page.getByRole('row', { name: /Anna Andersson/ });
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toContain('Läsare · Vårdinformation · Mellanarkiv');

    await page.getByLabel('Till').selectOption({ label: 'Anna Andersson (anna)' });
    await page.getByLabel('Roll').selectOption('log-reviewer');
    await page.getByLabel('Informationstyp').selectOption('patient-record');
    await page.getByRole('button', { name: 'Ge behörighet' }).click();
    await page.waitForURL(/done=done\.grantAdded/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Behörigheten är tillagd.');
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toContain('Loggranskare · Vårdinformation');
    await b.check(page, 'users-granted');

    // The grant applies at once: anna (a reader) now has the log review part too.
    const anna = await b.person('region-orebro', 'anna');
    await anna.page.goto('/');
    await expect(anna.page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('heading').allTextContents()).resolves.toEqual(['Sök i arkivet', 'Loggranskning']);

    // An invalid grant is refused with the domain's reason, as in the REST API.
    await page.getByLabel('Roll').selectOption('reader');
    await page.getByLabel('Informationstyp').selectOption('');
    await page.getByRole('button', { name: 'Ge behörighet' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Uppgifterna kunde inte godtas');
    await expect(page.locator('.error-detail').textContent()).resolves.toContain('reader needs an information type');
    await b.check(page, 'grant-refused');

    await page.goto('/admin/users');
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Ta bort' }).click();
    await page.waitForURL(/done=done\.grantRevoked/);
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.not.toContain('Loggranskare');
    await anna.page.goto('/');
    await expect(anna.page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('heading').allTextContents()).resolves.toEqual(['Sök i arkivet']);
    await anna.context.close();
    await context.close();
  });

  it('creates a group mapped to an IdP group value and grants it', async () => {
    const { page, context } = await b.person('region-orebro', 'eva');
    await page.goto('/admin/groups');
    await expect(page.getByRole('row', { name: /Journalläsare/ }).textContent()).resolves.toContain('samarkiv-readers');
    await page.getByLabel('Gruppnamn').fill('Ekonomiläsare');
    await page.getByLabel('Externt namn (gruppvärde från IdP)').fill('samarkiv-finance');
    await page.getByRole('button', { name: 'Spara grupp' }).click();
    await page.waitForURL(/done=done\.groupSaved/);
    await page.getByLabel('Till').selectOption({ label: 'Ekonomiläsare' });
    await page.getByLabel('Roll').selectOption('reader');
    await page.getByLabel('Informationstyp').selectOption('finance');
    await page.getByLabel('Arkivdel').selectOption('intermediate');
    await page.getByRole('button', { name: 'Ge behörighet' }).click();
    await page.waitForURL(/\/admin\/groups\?done=done\.grantAdded/);
    const group = page.getByRole('row', { name: /Ekonomiläsare/ });
    await expect(group.textContent()).resolves.toContain('samarkiv-finance');
    await expect(group.textContent()).resolves.toContain('Läsare · Ekonomi');
    await b.check(page, 'groups');
    await context.close();
  });

  it('creates an API client whose secret is shown once and works, then rotates and revokes it', async () => {
    const { page, context } = await b.person('region-orebro', 'eva');
    await page.goto('/admin/api-clients');
    await b.check(page, 'api-clients-empty');
    await page.getByLabel('Namn').fill('Journalsystem X');
    await page.getByLabel('Leverera').check();
    await page.getByRole('group', { name: 'Informationstyper' }).getByLabel('Vårdinformation').check();
    await page.getByRole('button', { name: 'Skapa klient' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Den visas inte igen');
    const token = await page.getByTestId('client-token').inputValue();
    expect(token).toMatch(/^smk_/);
    await b.check(page, 'api-client-secret');
    const me = await fetch(`${b.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { kind: string }).kind).toBe('api-client');
    // Reloading the list never shows the secret again.
    await page.goto('/admin/api-clients');
    expect(await page.content()).not.toContain(token);
    const row = page.getByRole('row', { name: /Journalsystem X/ });
    await expect(row.textContent()).resolves.toContain('Aktiv');

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Byt nyckel' }).click();
    const rotated = await page.getByTestId('client-token').inputValue();
    expect(rotated).toMatch(/^smk_/);
    expect(rotated).not.toBe(token);

    await page.goto('/admin/api-clients');
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Spärra' }).click();
    await page.waitForURL(/done=done\.clientRevoked/);
    await expect(row.textContent()).resolves.toContain('Spärrad');
    expect((await fetch(`${b.url}/api/v1/tenants/region-orebro/api-clients`, { headers: { authorization: `Bearer ${rotated}` } })).status).toBe(401);
    await b.check(page, 'api-clients');
    await context.close();
  });

  it('sets the identity provider by hand and shows it', async () => {
    const keys = makeKeyPair(mkdtempSync(join(tmpdir(), 'console-idp-')), 'idp');
    const { page, context } = await b.person('region-orebro', 'eva');
    await page.goto('/admin/identity-provider');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Ingen identitetsleverantör är inställd');
    await b.check(page, 'idp-empty');
    await page.getByLabel('Entitets-id').fill('https://idp.orebro.example/saml');
    await page.getByLabel('Inloggningsadress (SSO)').fill('https://idp.orebro.example/sso');
    await page.getByLabel('Signeringscertifikat (PEM)').fill(keys.cert);
    await page.getByLabel('Grupper', { exact: true }).fill('memberOf');
    await page.getByRole('button', { name: 'Spara inloggningsinställningar' }).click();
    await page.waitForURL(/done=done\.idpSaved/);
    const facts = page.locator('dl.facts');
    await expect(facts.textContent()).resolves.toContain('https://idp.orebro.example/saml');
    await expect(facts.textContent()).resolves.toContain('giltigt till');
    expect(await page.getByLabel('Grupper', { exact: true }).inputValue()).toBe('memberOf');
    await b.check(page, 'idp');
    await context.close();
  });

  it('saves an own accepted-format policy for a type and returns to the default', async () => {
    const { page, context } = await b.person('region-orebro', 'eva');
    await page.goto('/admin/format-policies');
    await b.check(page, 'format-policies');
    const section = page.getByRole('region', { name: 'Ekonomi' });
    await expect(section.textContent()).resolves.toContain('Standardpolicyn gäller.');
    await section.getByLabel('Format', { exact: true }).fill('fmt/95 accept\nfmt/276 reject');
    await section.getByLabel('Övriga format').selectOption('reject');
    await section.getByRole('button', { name: 'Spara policy för Ekonomi' }).click();
    await page.waitForURL(/done=done\.policySaved/);
    await expect(section.textContent()).resolves.toContain('Egen policy');
    expect(await section.getByLabel('Format', { exact: true }).inputValue()).toBe('fmt/95 accept\nfmt/276 reject');

    // The same policy through the REST API.
    const api = await context.request.get('/api/v1/tenants/region-orebro/format-policies/finance');
    expect(((await api.json()) as { source: string; policy: { defaultDecision: string } }).policy.defaultDecision).toBe('reject');

    await section.getByLabel('Format', { exact: true }).fill('fmt/95 perhaps');
    await section.getByRole('button', { name: 'Spara policy för Ekonomi' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uppgifterna kunde inte godtas');

    await page.goto('/admin/format-policies');
    page.once('dialog', (d) => void d.accept());
    await section.getByRole('button', { name: 'Återgå till standardpolicyn' }).click();
    await page.waitForURL(/done=done\.policyReset/);
    await expect(section.textContent()).resolves.toContain('Standardpolicyn gäller.');
    await context.close();
  });

  it('refuses a form post without the session CSRF token and another region\'s administrator', async () => {
    const { page, context } = await b.person('region-orebro', 'eva');
    await page.goto('/admin/groups');
    const forged = await context.request.post('/admin/groups', { form: { name: 'Forged' } });
    expect(forged.status()).toBe(403);
    await page.goto('/admin/groups');
    expect(await page.content()).not.toContain('Forged');

    const gustav = await b.person('region-uppsala', 'gustav');
    await gustav.page.goto('/admin/groups');
    await expect(gustav.page.getByTestId('region').textContent()).resolves.toBe('Region Uppsala');
    expect(await gustav.page.content()).not.toContain('Ekonomiläsare');
    await gustav.context.close();
    await context.close();
  });
});
