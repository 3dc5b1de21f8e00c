import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { generateDeliveries } from '@samarkiv/generator';
import { buildZip } from '../../libs/information-package/test/support/zip-builder';
import { DeliveryBody } from '../support/ingest-http';
import { deliverGenerated, startLifecycleApp, stopLifecycleApp } from '../support/final-archive-fixtures';
import type { LifecycleEnv } from '../support/final-archive-fixtures';
import { SHARED_DIR } from '../support/shared-dir';
import { uniq } from '../support/test-env';
import { ConsoleBrowser } from './console-browser';

const ORG = 'region-orebro';

/** A generated patient-record package with one content file changed after its METS was written: its checksum no longer matches. */
async function brokenPackage(seed: string, sourceSystem: string): Promise<Buffer> {
  const out = mkdtempSync(join(tmpdir(), 'samarkiv-console-broken-'));
  const [pkg] = await generateDeliveries({ type: 'patient-record', format: 'ccda', records: 2, seed, outDir: out, zip: false, sourceSystem, schemaCatalog: join(SHARED_DIR, 'schemas/catalog.xml') });
  const files = readdirSync(pkg.path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  const content = files.find((f) => f.includes(`${join('representations', 'rep1', 'data')}`) && f.endsWith('.xml'));
  if (!content) throw new Error('the generated package has no content file');
  appendFileSync(content, '<!-- changed after packaging -->');
  const root = basename(pkg.path);
  return buildZip(files.map((f) => ({ name: `${root}/${relative(pkg.path, f)}`, data: readFileSync(f), deflate: true })));
}

async function download(page: Page, link: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
  return { name: file.suggestedFilename(), body: await readFile((await file.path())!) };
}

/**
 * The archivist's and the authority archivist's main flows in a real browser, against the real
 * app with a worker: deliveries through the real pipeline, transfer, disposal, requests register.
 */
describe('console in a browser: archivist and authority archivist', () => {
  const b = new ConsoleBrowser('archivist');
  jest.setTimeout(600_000);
  let env: LifecycleEnv;
  const valid = `Cosmic-${uniq()}`;
  const invalid = `Melior-${uniq()}`;
  const live = `PMO-${uniq()}`;
  let accepted: DeliveryBody;
  let rejected: DeliveryBody;
  let liveDelivery: DeliveryBody;
  let transferUrl: string;
  let disposalUrl: string;

  beforeAll(async () => {
    env = await startLifecycleApp();
    await b.attach(env.app, env.producer.baseUrl);
    [accepted] = await deliverGenerated(env, { seed: `console-${uniq()}`, records: 3, perPackage: 3, sourceSystem: valid });
    rejected = await env.producer.deliver(await brokenPackage(`broken-${uniq()}`, invalid), { informationType: 'patient-record', sourceSystem: invalid });
    expect(rejected.outcome).toBe('rejected');
  });

  afterAll(async () => {
    await b.stop();
    await stopLifecycleApp(env);
  });

  it('lists both deliveries, shows the rejected one\'s report grouped by requirement id, and hands out its receipt', async () => {
    const { page, context } = await b.person(ORG, 'bertil');
    await page.goto('/deliveries');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Leveranser');
    const okRow = page.getByRole('row', { name: new RegExp(valid) });
    const badRow = page.getByRole('row', { name: new RegExp(invalid) });
    await expect(okRow.textContent()).resolves.toContain('Godkänd');
    await expect(okRow.textContent()).resolves.toMatch(/8 av 8 steg/);
    await expect(okRow.getByRole('link', { name: valid }).getAttribute('href')).resolves.toBe(`/deliveries/${accepted.id}`);
    await expect(badRow.textContent()).resolves.toContain('Avvisad');
    await b.check(page, 'deliveries');

    await badRow.getByRole('link', { name: invalid }).click();
    await page.waitForURL(`**/deliveries/${rejected.id}`);
    const codes = [...new Set(rejected.findings.map((f) => f.code))];
    expect(codes.length).toBeGreaterThan(0);
    const report = page.locator('section', { has: page.getByRole('heading', { name: 'Valideringsrapport' }) });
    for (const code of codes) await expect(report.getByRole('heading', { level: 3, name: new RegExp(`^${code}\\b`) }).count()).resolves.toBe(1);
    expect(await report.locator('.finding-group').count()).toBe(codes.length);
    await expect(report.textContent()).resolves.toContain('Det här ska producenten göra');
    await expect(page.getByRole('main').textContent()).resolves.toMatch(/sparas i karantän till/);
    await b.check(page, 'delivery-rejected');

    const xml = await download(page, 'Ladda ned kvittensen som XML');
    expect(xml.name).toBe(`kvittens-${rejected.id}.xml`);
    expect(xml.body.toString()).toMatch(/^<\?xml/);
    expect(xml.body.toString()).toContain('outcome="rejected"');
    const json = await download(page, 'Ladda ned kvittensen som JSON');
    expect(JSON.parse(json.body.toString())).toMatchObject({ deliveryId: rejected.id, outcome: 'rejected', signature: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });

    await page.goto('/quarantine');
    await expect(page.getByRole('row', { name: new RegExp(invalid) }).textContent()).resolves.toContain(codes.find((c) => rejected.findings.some((f) => f.code === c && f.severity === 'error'))!);
    expect(await page.getByRole('row', { name: new RegExp(valid) }).count()).toBe(0);
    await b.check(page, 'quarantine');

    // English on request, remembered.
    await page.goto('/deliveries?lang=en');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Deliveries');
    await context.close();
  });

  it('follows a running delivery live on the list, without reloading the page', async () => {
    const { page, context } = await b.person(ORG, 'bertil');
    const announced = await env.producer.announceOk({ informationType: 'patient-record', sourceSystem: live });
    await page.goto('/deliveries');
    const row = page.locator(`tr[data-delivery="${announced.id}"]`);
    await expect(row.textContent()).resolves.toContain('Väntar på uppladdning');
    await b.check(page, 'deliveries-running');
    const out = mkdtempSync(join(tmpdir(), 'samarkiv-console-live-'));
    const [pkg] = await generateDeliveries({ type: 'patient-record', format: 'ccda', records: 2, seed: `live-${uniq()}`, outDir: out, zip: true, sourceSystem: live, schemaCatalog: join(SHARED_DIR, 'schemas/catalog.xml') });
    // The delivery's own page, open at the same time, follows its event stream.
    const detail = await context.newPage();
    await detail.goto(`/deliveries/${announced.id}`);
    await expect(detail.getByRole('main').textContent()).resolves.toContain('Leveransen pågår');
    const mark = (p: Page) => p.evaluate(() => ((window as unknown as { marker: number }).marker ??= Math.random()));
    const [listMarker, detailMarker] = [await mark(page), await mark(detail)];
    await env.producer.uploadAll(announced, readFileSync(pkg.path));
    await page.locator(`tr[data-delivery="${announced.id}"] [data-live="outcome"]`, { hasText: 'Godkänd' }).waitFor({ timeout: 240_000 });
    await detail.getByRole('heading', { name: 'Kvittens' }).waitFor({ timeout: 60_000 });
    await expect(detail.locator('[data-live="outcome"]').textContent()).resolves.toContain('Godkänd');
    // The same documents: the script updated them in place.
    expect([await mark(page), await mark(detail)]).toEqual([listMarker, detailMarker]);
    await b.check(detail, 'delivery-accepted-live');
    liveDelivery = await env.producer.getOk(announced.id);
    env.delivered.push(liveDelivery);
    await context.close();
  });

  it('lets bertil propose a transfer after seeing what it holds, and refuses his own acceptance clearly', async () => {
    const { page, context } = await b.person(ORG, 'bertil');
    // From the accepted delivery's page: the proposal starts with that delivery selected.
    await page.goto(`/deliveries/${accepted.id}`);
    await page.getByRole('link', { name: 'Föreslå överlämning av den här leveransen till slutarkivet' }).click();
    await page.waitForURL('**/propose-transfer?deliveryIds=*');
    await expect(page.getByLabel('Leveranser').inputValue()).resolves.toBe(accepted.id);
    await b.check(page, 'transfer-form');
    await page.getByLabel('Källsystem').fill(valid);
    await page.getByRole('button', { name: 'Visa urvalet' }).click();
    const preview = page.locator('.preview');
    await expect(preview.textContent()).resolves.toMatch(/Arkivpaket\s*1/);
    await expect(preview.textContent()).resolves.toMatch(/Poster\s*3/);
    await expect(preview.textContent()).resolves.toContain(valid);
    await b.check(page, 'transfer-preview');
    await page.getByRole('button', { name: 'Föreslå överlämning' }).click();
    await page.waitForURL(/\/transfers\/[0-9a-f-]{36}\?done=done\.transferProposed/);
    transferUrl = new URL(page.url()).pathname;
    await expect(page.getByTestId('transfer-status').textContent()).resolves.toContain('Föreslagen');
    await expect(page.getByRole('main').textContent()).resolves.toContain('Du har själv föreslagit den här överlämningen');
    expect(await page.getByRole('button', { name: 'Ta emot överlämningen' }).count()).toBe(0);
    await b.check(page, 'transfer-proposed');

    // Even sending the decision by hand: the domain refuses, and the page says why in Swedish.
    await page.evaluate((action) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = action;
      const csrf = document.querySelector<HTMLInputElement>('input[name="_csrf"]')!.cloneNode() as HTMLInputElement;
      form.appendChild(csrf);
      document.body.appendChild(form);
      form.submit();
    }, `${transferUrl}/accept`);
    await page.getByTestId('error-explained').waitFor();
    await expect(page.getByTestId('error-explained').textContent()).resolves.toContain('Den som har föreslagit kan inte själv besluta');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Du saknar behörighet för det här');
    await b.check(page, 'transfer-self-approval');
    await context.close();
  });

  it('lets cecilia accept the transfer and download its receipt', async () => {
    const { page, context } = await b.person(ORG, 'cecilia');
    await page.goto('/transfers');
    const toDecide = page.locator('section', { has: page.getByRole('heading', { name: /Att ta ställning till/ }) });
    await toDecide.locator(`a[href="${transferUrl}"]`).click();
    await page.waitForURL(`**${transferUrl}`);
    await b.check(page, 'transfer-to-decide');
    await page.getByLabel('Anteckning (frivillig)').fill('Mottaget enligt leveransplan.');
    await page.getByRole('button', { name: 'Ta emot överlämningen' }).click();
    await page.waitForURL(/done=done\.transferAccepted/);
    // Custody may move in a job: the page says how far it got until the receipt is there.
    for (let i = 0; i < 120 && (await page.getByRole('link', { name: 'Ladda ned överlämningskvittot (JSON)' }).count()) === 0; i++) {
      await expect(page.getByTestId('transfer-status').textContent()).resolves.toMatch(/^(Mottagen|Mottas)/);
      await new Promise((r) => setTimeout(r, 1000));
      await page.reload();
    }
    await expect(page.getByTestId('transfer-status').textContent()).resolves.toBe('Mottagen');
    await b.check(page, 'transfer-accepted');
    const receipt = await download(page, 'Ladda ned överlämningskvittot (JSON)');
    expect(JSON.parse(receipt.body.toString())).toMatchObject({ transferId: transferUrl.split('/').pop(), unchanged: true, summary: { aips: 1, records: 3 } });
    await context.close();
  });

  it('runs a disposal from rule to destruction report: cecilia sets the rule, bertil proposes, cecilia approves and executes', async () => {
    const authority = await b.person(ORG, 'cecilia');
    const c = authority.page;
    c.on('dialog', (d) => void d.accept());
    await c.goto('/retention-rules');
    await c.getByLabel('Informationstyp').selectOption('patient-record');
    await c.getByLabel('Källsystem').fill(live);
    await c.getByLabel('Räknas från').selectOption('delivery-date');
    await c.getByLabel('År', { exact: true }).fill('0');
    await c.getByLabel('Beskrivning').fill('Test: gallras direkt');
    await c.getByRole('button', { name: 'Skapa bevaranderegel' }).click();
    await c.waitForURL(/done=done\.ruleCreated/);
    await expect(c.getByRole('row', { name: new RegExp(live) }).textContent()).resolves.toContain('Leveransdatum');
    await b.check(c, 'retention-rules');

    const archivist = await b.person(ORG, 'bertil');
    const p = archivist.page;
    await p.goto('/disposal-candidates');
    await p.getByRole('button', { name: 'Sök kandidater nu' }).click();
    await p.waitForURL(/done=done\.scanned/);
    const row = p.getByRole('row', { name: new RegExp(liveDelivery.aipId!) });
    await row.getByRole('checkbox').check();
    await b.check(p, 'disposal-candidates');
    await p.getByLabel('Anteckning').fill('Gallring enligt regel');
    await p.getByRole('button', { name: 'Föreslå gallring av de valda' }).click();
    await p.waitForURL(/\/disposals\/[0-9a-f-]{36}\?done=done\.disposalProposed/);
    disposalUrl = new URL(p.url()).pathname;
    await expect(p.getByTestId('disposal-status').textContent()).resolves.toContain('Föreslagen');
    await expect(p.getByRole('main').textContent()).resolves.toContain('Du har själv föreslagit den här gallringen');
    await b.check(p, 'disposal-proposed');
    await archivist.context.close();

    await c.goto(disposalUrl);
    await expect(c.getByRole('heading', { name: 'Provkörning: det här skulle förstöras nu' }).isVisible()).resolves.toBe(true);
    await expect(c.getByRole('main').textContent()).resolves.toContain('1 arkivpaket, 2 poster');
    await b.check(c, 'disposal-dry-run');
    await c.getByLabel('Beslutsnummer').fill('RS 2026/4711');
    await c.getByRole('button', { name: 'Besluta om gallring' }).click();
    await c.waitForURL(/done=done\.disposalApproved/);
    await expect(c.getByTestId('disposal-status').textContent()).resolves.toContain('Beslutad');
    await b.check(c, 'disposal-approved');
    await c.getByRole('button', { name: 'Verkställ gallringen' }).click();
    await c.waitForURL(/done=done\.disposalExecuting/);
    for (let i = 0; i < 120 && !(await c.getByTestId('disposal-status').textContent())!.includes('Verkställd'); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      await c.reload();
    }
    await expect(c.getByTestId('disposal-status').textContent()).resolves.toBe('Verkställd');
    await b.check(c, 'disposal-executed');
    const pdf = await download(c, 'Ladda ned gallringsrapporten som PDF');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await download(c, 'Ladda ned gallringsrapporten som CSV');
    expect(csv.body.toString()).toContain(liveDelivery.aipId!);
    await authority.context.close();
  });

  it('lets cecilia register a request, assess it and find it in the register', async () => {
    const { page, context } = await b.person(ORG, 'cecilia');
    const reference = `RS 2026/${uniq()}`;
    await page.goto('/requests');
    await b.check(page, 'requests');
    await page.getByLabel('Diarienummer').fill(reference);
    await page.getByLabel('Sökande').fill('Journalisten Jansson');
    await page.getByLabel('Vad som begärs').fill('Beslut om gallring under 2026');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}\?done=done\.requestRegistered/);
    await expect(page.getByTestId('request-assessment').textContent()).resolves.toBe('Inte prövad');
    await b.check(page, 'request');
    await page.getByLabel('Lämnas ut med vissa delar maskerade').check();
    await page.getByLabel('Motivering').fill('Personuppgifter i bilagan omfattas av sekretess, 25 kap. 1 § OSL.');
    await page.getByRole('button', { name: 'Spara prövningen' }).click();
    await page.waitForURL(/done=done\.requestAssessed/);
    await expect(page.getByTestId('request-assessment').textContent()).resolves.toBe('Lämnas ut med vissa delar maskerade');
    await expect(page.getByRole('button', { name: 'Registrera utlämnandet' }).isVisible()).resolves.toBe(true);
    await b.check(page, 'request-assessed');
    // The hand-out of records of the transferred delivery (now in the final archive).
    const records = (await env.db.query(`SELECT id FROM record WHERE aip_id = $1 ORDER BY id LIMIT 2`, [accepted.aipId])) as Array<{ id: string }>;
    expect(records).toHaveLength(2);
    await page.getByLabel('Utlämnade poster').fill(records.map((r) => r.id).join('\n'));
    await page.getByLabel('Referens till leveranspaketet (DIP)').fill('DIP 2026-11-25');
    await page.getByRole('button', { name: 'Registrera utlämnandet' }).click();
    await page.waitForURL(/done=done\.requestHandedOut/);
    await expect(page.getByRole('main').textContent()).resolves.toMatch(/2 poster av Cecilia Carlsson/);
    expect(await page.getByRole('button', { name: 'Spara prövningen' }).count()).toBe(0);
    await b.check(page, 'request-handed-out');

    await page.goto('/requests');
    await page.getByLabel('Sökord').fill(reference);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.waitForURL(/\/requests\?q=/);
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(2);
    await expect(rows.nth(1).textContent()).resolves.toContain('Lämnas ut med vissa delar maskerade');
    await b.check(page, 'requests-search');
    await context.close();
  });

  it('lets cecilia answer a request released in full with a DIP whose manifest the register keeps', async () => {
    const { page, context } = await b.person(ORG, 'cecilia');
    await page.goto('/requests');
    await page.getByLabel('Diarienummer').fill(`RS 2026/${uniq()}`);
    await page.getByLabel('Sökande').fill('Patientens ombud');
    await page.getByLabel('Vad som begärs').fill('Kopia av journalanteckningar');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page.waitForURL(/done=done\.requestRegistered/);
    await page.getByLabel('Lämnas ut', { exact: true }).check();
    await page.getByLabel('Motivering').fill('Ingen sekretess mot den enskilde själv, 12 kap. 1 § OSL.');
    await page.getByRole('button', { name: 'Spara prövningen' }).click();
    await page.waitForURL(/done=done\.requestAssessed/);
    await b.check(page, 'request-released');
    const records = (await env.db.query(`SELECT id FROM record WHERE aip_id = $1 ORDER BY id LIMIT 2`, [accepted.aipId])) as Array<{ id: string }>;
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Lämna ut som DIP' }) });
    await form.getByLabel('Utlämnade poster').fill(records.map((r) => r.id).join('\n'));
    const [file] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Skapa DIP och registrera utlämnandet' }).click()]);
    const zip = await readFile((await file.path())!);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    await page.reload();
    // The register shows what left: the package's name, its file count and the ZIP's checksum.
    await expect(page.getByRole('main').textContent()).resolves.toContain(createHash('sha256').update(zip).digest('hex'));
    expect(await page.getByRole('heading', { name: 'Lämna ut som DIP' }).count()).toBe(0);
    await b.check(page, 'request-dip-handed-out');
    await context.close();
  });

  it('lets bertil set a legal hold on a delivery and release it again', async () => {
    const { page, context } = await b.person(ORG, 'bertil');
    page.on('dialog', (d) => void d.accept());
    await page.goto('/legal-holds');
    await page.getByLabel('Omfattar').selectOption('delivery');
    await page.getByLabel('Vem eller vad').fill(accepted.id);
    await page.getByLabel('Skäl').fill('Pågående tillsyn');
    await page.getByRole('button', { name: 'Inför gallringsstopp' }).click();
    await page.waitForURL(/done=done\.holdSet/);
    const row = page.getByRole('row', { name: new RegExp(accepted.id) });
    await expect(row.textContent()).resolves.toContain('Pågående tillsyn');
    await b.check(page, 'legal-holds');
    await row.getByRole('button', { name: new RegExp(`Häv.*${accepted.id}`) }).click();
    await page.waitForURL(/done=done\.holdReleased/);
    expect(await page.getByRole('row', { name: new RegExp(accepted.id) }).count()).toBe(0);
    await page.getByRole('link', { name: 'Visa även hävda' }).click();
    await expect(page.getByRole('row', { name: new RegExp(accepted.id) }).textContent()).resolves.not.toContain('Gäller');
    // A bad target is explained, not a crash.
    await page.goto('/legal-holds');
    await page.getByLabel('Omfattar').selectOption('aip');
    await page.getByLabel('Vem eller vad').fill('inte-ett-id');
    await page.getByLabel('Skäl').fill('Test');
    await page.getByRole('button', { name: 'Inför gallringsstopp' }).click();
    await expect(page.getByTestId('error-explained').textContent()).resolves.toContain('uuid');
    await b.check(page, 'legal-hold-invalid');
    await context.close();
  });

  it('keeps the parts apart: the archivist sees no requests register, the tenant administrator no archive work', async () => {
    const bertil = await b.person(ORG, 'bertil');
    expect((await bertil.page.goto('/requests'))!.status()).toBe(403);
    await bertil.page.goto('/');
    const nav = bertil.page.getByRole('navigation', { name: 'Huvudmeny' });
    await expect(nav.getByRole('link', { name: 'Föreslå överlämning' }).isVisible()).resolves.toBe(true);
    expect(await nav.getByRole('link', { name: 'Begäranden' }).count()).toBe(0);
    await b.check(bertil.page, 'home-archivist');
    await bertil.context.close();
    const eva = await b.person(ORG, 'eva');
    expect((await eva.page.goto('/deliveries'))!.status()).toBe(403);
    await eva.context.close();
  });
});
