import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { PatientDocument, PatientRecordSource, REGIONS } from '@samarkiv/generator';
import { AuthFacade } from '../../src/auth/auth.facade';
import { RequestContext } from '../../src/platform/context';
import { deliverGenerated, forgetDeliveries } from '../support/final-archive-fixtures';
import { DeliveryBody, IngestHttpClient } from '../support/ingest-http';
import { uniq } from '../support/test-env';
import { ConsoleBrowser } from './console-browser';

const TENANT = 'region-orebro';
const RECORDS = 24;
const PER_PAGE = 10;
const SOURCE_SYSTEM = `Konsolprov ${uniq()}`;

interface Chosen {
  seed: string;
  patientId: string;
  docs: PatientDocument[];
  attached: PatientDocument;
}

/**
 * A seed of this run whose generated records give one patient more than a page of records, at
 * several care units, one of them with an attachment: computed from the generator (deterministic
 * per seed), not looked up in the archive.
 */
function chooseSeed(): Chosen {
  const region = REGIONS.find((r) => r.id === TENANT)!;
  for (let k = 0; k < 5000; k++) {
    const seed = `console-reader-${uniq()}-${k}`;
    const source = new PatientRecordSource(seed, region, RECORDS, SOURCE_SYSTEM);
    const byPatient = new Map<string, PatientDocument[]>();
    for (let i = 0; i < RECORDS; i++) {
      const doc = source.document(i);
      byPatient.set(doc.patient.identity.id, [...(byPatient.get(doc.patient.identity.id) ?? []), doc]);
    }
    for (const [patientId, docs] of byPatient) {
      const attached = docs.find((d) => d.attachment);
      const units = new Set(docs.map((d) => d.careUnit.name));
      if (docs.length > PER_PAGE && units.size >= 2 && attached && docs[0].patient.identity.kind === 'personnummer') return { seed, patientId, docs, attached };
    }
  }
  throw new Error('no seed gives a patient with more than a page of records and an attachment');
}

const written = (id: string) => `${id.slice(0, 8)}-${id.slice(8)}`;

/** The reader's main flow, in a real browser against the real app, over records delivered through the real pipeline. */
describe('console in a browser: reader', () => {
  const b = new ConsoleBrowser('reader');
  jest.setTimeout(600_000);
  const delivered: DeliveryBody[] = [];
  const chosen = chooseSeed();
  let recordUrl = '';

  beforeAll(async () => {
    await b.start({ worker: true });
    const client = await b.app.get(AuthFacade).createApiClient(RequestContext.system('browser-test'), TENANT, { name: `console-reader-${uniq()}`, scopes: ['deliver'], informationTypes: ['patient-record'] });
    await deliverGenerated({ producer: new IngestHttpClient(b.url, client.token), delivered }, { seed: chosen.seed, records: RECORDS, perPackage: RECORDS, sourceSystem: SOURCE_SYSTEM });
  });

  afterAll(async () => {
    await b.stop();
    await forgetDeliveries(TENANT, delivered);
  });

  it('searches by patient, narrows by a facet, pages on, shows the timeline and a record with its files, in Swedish and English', async () => {
    const { page, context } = await b.person(TENANT, 'anna');
    await page.goto('/search');
    await expect(page.getByRole('heading', { level: 1, name: 'Sök i arkivet' }).isVisible()).resolves.toBe(true);
    await b.check(page, 'search-index');
    await page.goto('/');
    await expect(page.getByTestId('region').textContent()).resolves.toContain('Örebro');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await expect(nav.getByRole('heading', { name: 'Sök i arkivet' }).isVisible()).resolves.toBe(true);
    await b.check(page, 'home');
    await nav.getByRole('link', { name: 'Vårdinformation' }).click();
    await page.waitForURL(/\/search\/patient-record$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Vårdinformation' }).isVisible()).resolves.toBe(true);
    // The form comes from the type: labelled text boxes, from–to dates, sorting.
    for (const label of ['Patient-id', 'Patientens namn', 'Vårdenhet', 'Fritext']) await expect(page.getByLabel(label, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('group', { name: 'Datum' }).getByLabel('Från och med').getAttribute('type')).resolves.toBe('date');
    await b.check(page, 'search-form');

    // Too broad: a care unit alone is not enough.
    await page.getByLabel('Vårdenhet', { exact: true }).fill(chosen.docs[0].careUnit.name);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Sökningen är för bred');
    await b.check(page, 'search-too-broad');

    // By patient id: more than a page, in pages of ten; the personnummer stays out of the URL.
    await page.getByLabel('Vårdenhet', { exact: true }).fill('');
    await page.getByLabel('Patient-id', { exact: true }).fill(written(chosen.patientId));
    await page.getByLabel('Träffar per sida').selectOption(String(PER_PAGE));
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: `${chosen.docs.length} träffar` }).isVisible()).resolves.toBe(true);
    const rows = page.getByRole('table').locator('tbody tr');
    expect(await rows.count()).toBe(PER_PAGE);
    await expect(rows.first().textContent()).resolves.toContain(written(chosen.patientId));
    expect(page.url()).not.toContain(chosen.patientId.slice(8));
    await b.check(page, 'search-results');

    // DIP export of ticked rows: nothing ticked says what to do; "select all" (script) ticks the page.
    await page.getByRole('button', { name: 'Exportera som DIP' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Markera minst en post');
    expect(await rows.count()).toBe(PER_PAGE);
    await b.check(page, 'search-dip-none');
    const selectAll = page.getByRole('button', { name: 'Markera alla på sidan' });
    await selectAll.click();
    await expect(rows.getByRole('checkbox', { checked: true }).count()).resolves.toBe(PER_PAGE);
    await selectAll.click();
    await expect(rows.getByRole('checkbox', { checked: true }).count()).resolves.toBe(0);
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    const [dip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera som DIP' }).click()]);
    expect(dip.suggestedFilename()).toMatch(/^dip-[0-9a-f-]{36}\.zip$/);
    const listing = execFileSync('python3', ['-m', 'zipfile', '-l', (await dip.path())!], { encoding: 'utf8' });
    expect(listing).toMatch(/METS\.xml/);
    expect(listing.match(/\.xml\s/g)!.length).toBeGreaterThanOrEqual(3);

    const firstPage = await rows.locator('input[type=checkbox]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    await page.getByRole('button', { name: 'Nästa sida' }).click();
    await expect(page.getByRole('heading', { level: 2, name: `Nästa sida: ${chosen.docs.length - PER_PAGE > PER_PAGE ? PER_PAGE : chosen.docs.length - PER_PAGE} träffar` }).isVisible()).resolves.toBe(true);
    const secondPage = await rows.locator('input[type=checkbox]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    await b.check(page, 'search-next-page');

    // Sorting: oldest first, per the type's sortable date.
    await page.getByLabel('Sortering').selectOption({ label: 'Datum (stigande)' });
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    const headers = await page.getByRole('table').locator('thead th').allTextContents();
    const dates = await rows.locator(`td:nth-child(${headers.indexOf('Datum') + 1})`).allTextContents();
    expect(dates).toHaveLength(PER_PAGE);
    expect([...dates].sort()).toEqual(dates);
    const oldest = chosen.docs.map((d) => d.date).sort()[0];
    expect(dates[0]).toBe(new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(oldest)));
    await expect(page.locator('th[aria-sort]').allTextContents()).resolves.toEqual(['Datum']);
    await expect(page.locator('th[aria-sort]').getAttribute('aria-sort')).resolves.toBe('ascending');

    // A facet, with the keyboard: tick a care unit and apply; only its records remain.
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    const units = page.getByRole('group', { name: 'Vårdenhet' });
    const unit = chosen.docs[0].careUnit.name;
    const expected = chosen.docs.filter((d) => d.careUnit.name === unit).length;
    const box = units.getByRole('checkbox', { name: new RegExp(`^${unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${expected} st\\)$`) });
    await box.focus();
    await page.keyboard.press('Space');
    await expect(box.isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Använd avgränsningarna' }).press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: expected === 1 ? '1 träff' : `${expected} träffar` }).isVisible()).resolves.toBe(true);
    expect(await rows.count()).toBe(expected);
    await expect(page.getByRole('group', { name: 'Vårdenhet' }).getByRole('checkbox', { checked: true }).count()).resolves.toBe(1);
    await b.check(page, 'search-facet');

    // The patient's timeline: every record, grouped by care unit.
    await page.getByRole('button', { name: 'Visa patientens tidslinje' }).click();
    const unitCount = new Set(chosen.docs.map((d) => d.careUnit.name)).size;
    await expect(page.getByRole('heading', { level: 2, name: `Tidslinje för ${written(chosen.patientId)} – poster: ${chosen.docs.length}, vårdenheter: ${unitCount}` }).isVisible()).resolves.toBe(true);
    expect(await page.locator('.timeline-group h3').count()).toBe(unitCount);
    expect(page.url()).not.toContain(chosen.patientId.slice(8));
    await b.check(page, 'timeline');

    // The record with an attachment, found by its date in the timeline.
    const times = page.locator('.timeline-group time');
    const when = await times.evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    const at = when.findIndex((w) => w !== null && Date.parse(w) === Date.parse(chosen.attached.date));
    expect(at).toBeGreaterThanOrEqual(0);
    await page.locator('.timeline-group tbody tr').nth(at).getByRole('link', { name: /^Öppna/ }).click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    recordUrl = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Vårdinformation – ${written(chosen.patientId)}`);
    for (const section of ['Patient', 'Dokument', 'Ursprung', 'Innehåll', 'Filer', 'Läsbar vy av originalet']) await expect(page.getByRole('heading', { level: 2, name: section, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.locator('dl.facts').first().textContent()).resolves.toContain(`${chosen.attached.patient.givenName}`);
    const frame = page.locator('iframe[sandbox]');
    await expect(frame.getAttribute('title')).resolves.toBe('Läsbar vy av originalet');
    // The readable rendering loads inside the page (its CSP lets only our own pages frame it).
    await frame.scrollIntoViewIfNeeded();
    await expect(page.frameLocator('iframe[sandbox]').locator('body').textContent()).resolves.toContain(chosen.attached.patient.familyName);
    await b.check(page, 'record');

    const [original] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Ladda ned originalfilen/ }).click()]);
    const xml = await readFile((await original.path())!, 'utf8');
    expect(xml).toContain('ClinicalDocument');
    expect(xml).toContain(chosen.patientId);
    const [attachment] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Bilaga 1:/ }).click()]);
    const bytes = await readFile((await attachment.path())!);
    const magic = { pdf: '%PDF', tiff: 'II*\u0000', jpeg: '\u00ff\u00d8\u00ff' }[chosen.attached.attachment!];
    expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);

    // English, remembered for the next pages.
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    for (const section of ['Patient', 'Document', 'Origin', 'Content', 'Files', 'Readable view of the original']) await expect(page.getByRole('heading', { level: 2, name: section, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('heading', { name: 'Search the archive' }).isVisible()).resolves.toBe(true);
    await b.check(page, 'record-en');
    await page.goto('/search/patient-record');
    await expect(page.getByRole('heading', { level: 1, name: 'Patient record' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Patient id', { exact: true }).fill(chosen.patientId);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: `${chosen.docs.length} results` }).isVisible()).resolves.toBe(true);
    await b.check(page, 'search-results-en');
    await context.close();
  });

  it('shows a reader of another region none of these records', async () => {
    expect(recordUrl).toMatch(/^\/records\//);
    const { page, context } = await b.person('region-uppsala', 'frida');
    await page.goto('/search/patient-record');
    await expect(page.getByTestId('region').textContent()).resolves.toBe('Region Uppsala');
    await page.getByLabel('Patient-id', { exact: true }).fill(chosen.patientId);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: '0 träffar' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('main').textContent()).resolves.toContain('Inga träffar.');
    await b.check(page, 'other-region-search');
    await page.goto('/search/patient-record/timeline');
    await page.getByLabel('Patient-id', { exact: true }).fill(chosen.patientId);
    await page.getByRole('button', { name: 'Visa tidslinje' }).click();
    await expect(page.getByRole('main').textContent()).resolves.toContain('Inga poster för patienten.');
    await b.check(page, 'other-region-timeline');
    const res = await page.goto(recordUrl);
    expect(res!.status()).toBe(404);
    expect(await page.content()).not.toContain(chosen.attached.patient.familyName);
    await b.check(page, 'other-region-record');
    for (const file of ['original', 'attachments/0']) expect((await context.request.get(`/api/v1${recordUrl}/${file}`)).status()).toBe(404);
    await context.close();
  });

  it('says when blocked information exists (spärr), in the search and the timeline, without showing it', async () => {
    // Before the block: the ids of the records at the unit to be blocked, as the result rows carry them.
    const unit = chosen.docs[0].careUnit.name;
    const { page: before, context: beforeContext } = await b.person(TENANT, 'anna');
    await before.goto('/search/patient-record');
    await before.getByLabel('Patient-id', { exact: true }).fill(chosen.patientId);
    await before.getByLabel('Träffar per sida').selectOption('100');
    await before.getByRole('button', { name: 'Sök', exact: true }).click();
    const blockedIds = await before.locator('tbody tr').filter({ has: before.getByRole('cell', { name: unit, exact: true }) }).locator('input[name=recordIds]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    await beforeContext.close();
    // An archivist blocks one of the patient's care units for this patient (through the REST API).
    const { context: archivist } = await b.person(TENANT, 'bertil');
    const { csrfToken } = (await (await archivist.request.get('/auth/session')).json()) as { csrfToken: string };
    const hidden = chosen.docs.filter((d) => d.careUnit.name === unit).length;
    expect(blockedIds).toHaveLength(hidden);
    const created = await archivist.request.post('/api/v1/record-blocks', { data: { careUnit: unit, patientId: chosen.patientId, reason: 'Patientens begäran' }, headers: { 'x-csrf-token': csrfToken } });
    expect(created.status()).toBe(201);
    const blockId = ((await created.json()) as { id: string }).id;
    try {
      const { page, context } = await b.person(TENANT, 'anna');
      await page.goto('/search/patient-record');
      await page.getByLabel('Patient-id', { exact: true }).fill(chosen.patientId);
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      const shown = chosen.docs.length - hidden;
      await expect(page.getByRole('heading', { level: 2, name: shown === 1 ? '1 träff' : `${shown} träffar` }).isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('blocked-note').textContent()).resolves.toContain('Spärrad information finns.');
      // Not in the table nor among the facets (exact names: one unit's name may begin another's).
      await expect(page.getByRole('cell', { name: unit, exact: true }).count()).resolves.toBe(0);
      await expect(page.getByRole('group', { name: 'Vårdenhet' }).locator('label').allTextContents()).resolves.not.toContain(`${unit} (${hidden} st)`);
      await b.check(page, 'search-blocked');
      await page.getByRole('button', { name: 'Visa patientens tidslinje' }).click();
      await expect(page.getByTestId('blocked-note').isVisible()).resolves.toBe(true);
      await expect(page.locator('.timeline-group h3').allTextContents()).resolves.not.toContain(unit);
      await b.check(page, 'timeline-blocked');
      // Nor exported by id: the console's export answers as for a record that does not exist.
      const { csrfToken: annaCsrf } = (await (await context.request.get('/auth/session')).json()) as { csrfToken: string };
      const refused = await context.request.post('/search/patient-record/dip', { form: { _csrf: annaCsrf, recordIds: blockedIds[0] } });
      expect(refused.status()).toBe(404);
      expect(refused.headers()['content-type']).toContain('text/html');
      await context.close();
    } finally {
      expect((await archivist.request.delete(`/api/v1/record-blocks/${blockId}`, { headers: { 'x-csrf-token': csrfToken } })).status()).toBeLessThan(300);
      await archivist.close();
    }
  });
});
