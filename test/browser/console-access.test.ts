import { ConsoleBrowser } from './console-browser';

/** Everyone's path: choose region, sign in, see what one may do, switch language, sign out. */
describe('console in a browser: login, home, language, logout', () => {
  const b = new ConsoleBrowser('access');
  jest.setTimeout(120_000);

  beforeAll(() => b.start());
  afterAll(() => b.stop());

  it('sends an anonymous visitor to the region choice, in Swedish, with SAML and demo links', async () => {
    const { page, context } = await b.person();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Logga in');
    const orebro = page.getByRole('link', { name: 'Logga in – Region Örebro län' });
    expect(await orebro.getAttribute('href')).toBe('/auth/region-orebro/saml/login');
    expect(await page.getByRole('link', { name: 'Logga in som demoanvändare' }).getAttribute('href')).toBe('/auth/demo');
    await b.check(page, 'login-sv');

    // A protected page remembers where the visitor wanted to go.
    await page.goto('/admin/users');
    expect(page.url()).toContain('/login?returnTo=%2Fadmin%2Fusers');
    expect(await page.getByRole('link', { name: 'Logga in – Region Uppsala' }).getAttribute('href')).toBe('/auth/region-uppsala/saml/login?returnTo=%2Fadmin%2Fusers');
    await context.close();
  });

  it('has an accessibility check that fails on a serious violation', async () => {
    const { page, context } = await b.person();
    await page.goto('/login');
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="/assets/none.png"><input id="nolabel">'));
    await expect(b.check(page, 'deliberately-broken')).rejects.toThrow(/image-alt|label/);
    await context.close();
  });

  it('is usable with the keyboard: the skip link comes first and moves to the content', async () => {
    const { page, context } = await b.person();
    await page.goto('/login');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, visible: getComputedStyle(document.activeElement!).top }));
    expect(focused.text).toBe('Hoppa till innehållet');
    expect(focused.visible).not.toBe('-3rem');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');
    await context.close();
  });

  it('signs in through the demo page and shows a reader their region, grants and no admin parts', async () => {
    const { page, context } = await b.person();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Logga in som demoanvändare' }).click();
    await b.check(page, 'demo-login');
    // Other test files add regions with people of the same name: pick Örebro's Anna.
    await page.getByRole('row', { name: /Anna Andersson region-orebro/ }).getByRole('button', { name: 'Logga in som Anna Andersson' }).click();
    await page.waitForURL(`${b.url}/`);
    await expect(page.getByTestId('region').textContent()).resolves.toBe('Region Örebro län');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Välkommen, Anna Andersson');
    await expect(page.getByRole('list').filter({ hasText: 'Läsare' }).textContent()).resolves.toContain('Läsare · Vårdinformation · Mellanarkiv');
    // A reader's only part: searching the types they are granted, and no administration.
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('heading').allTextContents()).resolves.toEqual(['Sök i arkivet']);
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link').allTextContents()).resolves.toEqual(['Vårdinformation']);
    await b.check(page, 'home-reader');

    // A page outside the reader's grants: 403 as in the REST API, explained in Swedish.
    const denied = await page.goto('/admin/users');
    expect(denied!.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Du saknar behörighet för det här');
    await b.check(page, 'forbidden');

    const missing = await page.goto('/review/samples/00000000-0000-0000-0000-000000000000');
    expect(missing!.status()).toBe(403);

    await page.goto('/');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/login\?done=done\.loggedOut/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Du är utloggad.');
    await b.check(page, 'logged-out');
    const after = await page.goto('/');
    expect(new URL(after!.url()).pathname).toBe('/login');
    await context.close();
  });

  it('switches to English and remembers it; the navigation follows the grants', async () => {
    const { page, context } = await b.person('region-orebro', 'eva');
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Det här kan du göra' }).isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Welcome, Eva Ek');
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['Users and grants', 'Groups', 'API clients', 'Login (IdP)', 'Accepted file formats']);
    await b.check(page, 'home-admin-en');
    await page.goto('/admin/groups');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(nav.getByRole('link', { name: 'Groups' }).getAttribute('aria-current')).resolves.toBe('page');
    await page.getByRole('link', { name: 'Svenska' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await context.close();
  });

  it('shows the operator the central region name and only the operations part', async () => {
    const { page, context } = await b.person(null, 'olle');
    await page.goto('/');
    await expect(page.getByTestId('region').textContent()).resolves.toBe('Central drift');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await expect(nav.getByRole('heading').allTextContents()).resolves.toEqual(['Drift']);
    await b.check(page, 'home-operator');
    await context.close();
  });
});
