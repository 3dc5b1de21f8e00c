import { readFile } from 'node:fs/promises';
import { AuditFacade } from '../../src/audit/audit.facade';
import { RequestContext } from '../../src/platform/context';
import { PreservationFacade } from '../../src/preservation/preservation.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { readerCtx, viewEntry } from '../integration/audit-fixtures';
import { ConsoleBrowser } from './console-browser';

// Patients of this run only: other test files share the database and log accesses too.
const digits = (n: number, max: number) => String(Math.floor(Math.random() * max)).padStart(n, '0');
const PATIENT = `1950${digits(2, 9)}15${digits(4, 10_000)}`.replace(/^(\d{4})00/, '$101');
const OTHER_PATIENT = `1912${digits(2, 9)}12${digits(4, 10_000)}`.replace(/^(\d{4})00/, '$101');

/** The log reviewer's and the operator's main flows, in a real browser against the real app. */
describe('console in a browser: log reviewer and operator', () => {
  const b = new ConsoleBrowser('review-operator');
  jest.setTimeout(180_000);
  let annaId: string;

  beforeAll(async () => {
    await b.start();
    annaId = (await b.app.get(TenancyFacade).findUserByExternalId('region-orebro', 'anna'))!.id;
    const audit = b.app.get(AuditFacade);
    const anna = readerCtx('region-orebro', annaId, 'Anna Andersson');
    for (let i = 0; i < 3; i++) await audit.record(anna, viewEntry(PATIENT, `rec-${i}`));
    await audit.record(anna, viewEntry(OTHER_PATIENT, 'rec-other'));
    // The same patient in another region: never in Örebro's extract.
    await audit.record(readerCtx('region-uppsala', 'reader-u'), viewEntry(PATIENT, 'rec-uppsala'));
  });
  afterAll(() => b.stop());

  it("shows a patient's log extract and downloads it as PDF and CSV, without the personnummer in any URL", async () => {
    const { page, context } = await b.person('region-orebro', 'david');
    await page.goto('/review/patient');
    await b.check(page, 'patient-form');
    await page.getByLabel('Personnummer eller samordningsnummer').fill(`${PATIENT.slice(0, 8)}-${PATIENT.slice(8)}`);
    await page.getByRole('button', { name: 'Visa loggutdrag' }).click();
    await expect(page.getByRole('heading', { name: 'Loggutdrag: 3 poster' }).isVisible()).resolves.toBe(true);
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(4);
    await expect(rows.nth(1).textContent()).resolves.toContain('Vårdcentralen Mitt');
    await expect(rows.nth(1).textContent()).resolves.toContain('Visning');
    expect(page.url()).not.toContain(PATIENT.slice(8));
    await b.check(page, 'patient-extract');

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ned som PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe('loggutdrag.pdf');
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ned som CSV' }).click()]);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text.split('\n').filter((l) => l.includes('rec-')).length).toBe(3);
    expect(text).not.toContain('rec-uppsala');

    // From an entry to everything that user accessed.
    await page.getByRole('link', { name: 'Anna Andersson' }).first().click();
    await page.waitForURL(/\/review\/user\?userId=/);
    await expect(page.getByRole('table').textContent()).resolves.toContain(OTHER_PATIENT);
    await b.check(page, 'user-accesses');
    await context.close();
  });

  it('lists flags and runs a sample from drawing to sign-off', async () => {
    const { page, context } = await b.person('region-orebro', 'david');
    await page.goto('/review/flags');
    await b.check(page, 'flags');
    await page.goto('/review/samples');
    await b.check(page, 'samples-empty');
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await page.getByLabel('Från och med').fill(weekAgo);
    await page.getByLabel('Till och med').fill(today);
    await page.getByLabel('Antal poster').fill('2');
    await page.getByRole('button', { name: 'Dra stickprov' }).click();
    await page.waitForURL(/\/review\/samples\/[0-9a-f-]{36}\?done=done\.sampleCreated/);
    const items = page.locator('ol.sample-items > li');
    expect(await items.count()).toBe(2);
    await b.check(page, 'sample');
    await items.first().getByRole('textbox').fill('Vårdrelation finns, åtkomsten är befogad.');
    await items.first().getByRole('button', { name: 'Spara anteckning' }).click();
    await page.waitForURL(/done=done\.noteSaved/);
    await expect(items.first().textContent()).resolves.toContain('Vårdrelation finns');
    await page.getByLabel('Slutsats').fill('Inga avvikelser.');
    await page.getByRole('button', { name: 'Signera stickprovet' }).click();
    await page.waitForURL(/done=done\.signedOff/);
    await expect(page.getByRole('heading', { name: /Signerat/ }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Signera stickprovet' }).count()).toBe(0);
    await b.check(page, 'sample-signed');
    await page.goto('/review/samples');
    await expect(page.getByRole('table').textContent()).resolves.toContain('Signerat');
    await context.close();
  });

  it('lets the operator create a region and switch its information types, with no record content anywhere', async () => {
    const { page, context } = await b.person(null, 'olle');
    await page.goto('/operator/tenants');
    await b.check(page, 'tenants');
    await page.getByLabel('Id', { exact: true }).fill('region-test-browser');
    await page.getByLabel('Namn', { exact: true }).fill('Region Testland');
    await page.getByLabel('Organisationsnummer').fill('232100-9999');
    await page.getByLabel('Arkivmyndighet').fill('Regionarkivet, Region Testland');
    await page.getByRole('group', { name: 'Informationstyper' }).getByLabel('Ekonomi').uncheck();
    await page.getByRole('button', { name: 'Skapa region' }).click();
    await page.waitForURL(/done=done\.tenantCreated/);
    const row = page.getByRole('row', { name: /Region Testland/ });
    await expect(row.textContent()).resolves.toContain('Ekonomi: av');
    await row.getByRole('button', { name: 'Slå på Ekonomi för Region Testland' }).click();
    await page.waitForURL(/done=done\.typeSwitched/);
    await expect(row.textContent()).resolves.toContain('Ekonomi: på');
    await b.check(page, 'tenants-created');

    await page.goto('/operator/health');
    await expect(page.getByRole('main').textContent()).resolves.toContain('Allt fungerar');
    await b.check(page, 'health');
    await page.goto('/operator/queues');
    await expect(page.getByRole('row', { name: /tenancy/ }).isVisible()).resolves.toBe(true);
    await b.check(page, 'queues');
    await page.goto('/operator/storage');
    const locations = b.app.get(PreservationFacade).storageLocations();
    expect(locations.length).toBeGreaterThan(0);
    await expect(page.getByRole('table', { name: 'Lagringsplatser' }).textContent()).resolves.toContain(locations[0].name);
    // A manual fixity audit of the new (empty) region shows up as a clean run.
    await b.app.get(PreservationFacade).verifyStorage(RequestContext.system('browser-test'), { tenantId: 'region-test-browser' });
    await page.reload();
    await expect(page.getByRole('main').textContent()).resolves.toContain('Klar utan avvikelser');
    await b.check(page, 'storage');

    await page.goto('/operator/audit');
    await expect(page.getByRole('main').textContent()).resolves.toContain('Obruten');
    await page.getByRole('button', { name: 'Förankra nu' }).click();
    await page.waitForURL(/done=done\.anchored/);
    await expect(page.getByRole('table').nth(1).textContent()).resolves.toContain('Periodisk');
    expect(await page.content()).not.toContain(PATIENT);
    await b.check(page, 'audit-status');

    // The operator may not read the log review (record-adjacent) pages.
    expect((await page.goto('/review/patient'))!.status()).toBe(403);
    await context.close();
  });
});
