import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSip, validatePackage } from '@samarkiv/information-package';
import { XML_BUNDLE } from '../../libs/records/src/fhir/fhir-bundles.fixture';
import { sipOptions, tempDir } from '../../libs/information-package/src/writer/testing/fixtures.test-helper';
import { DeliveryBody } from '../support/ingest-http';
import { DemoSessions, LifecycleEnv, signInDemoUsers, startLifecycleApp, stopLifecycleApp, TENANT } from '../support/final-archive-fixtures';
import { canonicalXml, swedishCcda } from '../support/search-fixtures';
import { SHARED_DIR } from '../support/shared-dir';
import { waitFor } from '../support/test-env';
import { RequestContext, Role, Tier } from '../../src/platform/context';
import { SearchFacade } from '../../src/search/search.facade';

const PATIENT = '191212121212';
const OTHER_PATIENT = '197010632391';
const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');
const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

interface RecordRow {
  id: string;
  source_file: string;
  source_record_id: string;
  attachments: string[];
  patient_id: string | null;
}

/**
 * A record's files over HTTP after a real delivery (worker, AIP in OCFL storage): the original and
 * attachments byte for byte, the rendered original, and a DIP of selected records; all logged.
 */
describe('record files over HTTP', () => {
  jest.setTimeout(300_000);
  let env: LifecycleEnv;
  let users: DemoSessions;
  let delivery: DeliveryBody;
  /** What was delivered, by path inside the SIP's representation data folder. */
  const delivered: Record<string, Buffer> = {};
  let records: RecordRow[];
  const byTitle = (source: string, sourceRecordId?: string) => records.find((r) => r.source_file.endsWith(source) && (!sourceRecordId || r.source_record_id === sourceRecordId))!;
  const auditRows = (action: string) =>
    env.db.query(`SELECT outcome, patient_id, record_ids, details FROM audit_entry WHERE tenant_id = $1 AND action = $2 ORDER BY seq`, [TENANT, action]) as Promise<
      Array<{ outcome: string; patient_id: string | null; record_ids: string[]; details: Record<string, unknown> | null }>
    >;

  beforeAll(async () => {
    env = await startLifecycleApp();
    users = await signInDemoUsers(env.http);
    const dir = tempDir('record-files-src');
    const data = join(dir, 'data');
    mkdirSync(join(data, 'documents'), { recursive: true });
    swedishCcda(data, PATIENT, 'ccd.xml');
    canonicalXml(
      data,
      'patient-record',
      [
        { id: 'n-1', values: { patientId: PATIENT, patientName: 'Tolvan Tolvansson', date: '2016-03-01', careUnit: 'Vårdcentralen Örebro', documentType: 'anteckning', title: 'Besök <script>alert(1)</script>', text: 'Hypertoni.' } },
        { id: 'n-2', values: { patientId: OTHER_PATIENT, patientName: 'Sam Ordning', date: '2016-01-01', careUnit: 'Vårdcentralen Örebro', documentType: 'anteckning', title: 'Anteckning', text: 'Kontroll.' } },
      ],
      'records.xml',
    );
    // The first canonical record carries a scanned attachment.
    const xmlPath = join(data, 'records.xml');
    writeFileSync(xmlPath, readFileSync(xmlPath, 'utf8').replace('</record>', '  <attachment path="documents/scan.pdf"/>\n  </record>'));
    writeFileSync(join(data, 'documents', 'scan.pdf'), Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'));
    // FHIR R4 in XML (the default format policy accepts XML, not JSON).
    writeFileSync(join(data, 'bundle.xml'), XML_BUNDLE);
    for (const f of ['ccd.xml', 'records.xml', 'documents/scan.pdf', 'bundle.xml']) delivered[f] = readFileSync(join(data, f));
    const sip = await buildSip(sipOptions(tempDir('record-files-sip'), data, { objid: `record-files-${Date.now()}`, format: 'zip', schemaCatalog: CATALOG }));
    delivery = await env.producer.deliver(sip.path, { informationType: 'patient-record', sourceSystem: 'TakeCare' });
    expect(delivery.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(delivery.outcome).toBe('accepted');
    env.delivered.push(delivery);
    records = await env.db.query(`SELECT id, source_file, source_record_id, attachments, patient_id FROM record WHERE tenant_id = $1 AND aip_id = $2`, [TENANT, delivery.aipId]);
    // One C-CDA document, two canonical records, two FHIR resources (Composition, Condition).
    expect(records.length).toBe(5);
  });

  afterAll(async () => {
    await stopLifecycleApp(env);
  });

  const download = async (path: string, session = users.anna) => {
    const res = await env.http.get(path, session);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('downloads the original as delivered, byte for byte, and logs the download with patient and record', async () => {
    const ccda = byTitle('ccd.xml');
    const { res, bytes } = await download(`/api/v1/records/${ccda.id}/original`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('ccd.xml');
    expect(sha256(bytes)).toBe(sha256(delivered['ccd.xml']));
    const fhir = byTitle('bundle.xml', 'Composition/c1');
    const json = await download(`/api/v1/records/${fhir.id}/original`);
    expect(sha256(json.bytes)).toBe(sha256(delivered['bundle.xml']));
    const downloads = await auditRows('download');
    expect(downloads).toContainEqual(expect.objectContaining({ outcome: 'success', patient_id: PATIENT, record_ids: [ccda.id], details: { file: 'original' } }));
    expect(downloads).toContainEqual(expect.objectContaining({ outcome: 'success', patient_id: PATIENT, record_ids: [fhir.id] }));
  });

  it('downloads an attachment byte for byte and logs it', async () => {
    const rec = byTitle('records.xml', 'n-1');
    expect(rec.attachments).toHaveLength(1);
    const { res, bytes } = await download(`/api/v1/records/${rec.id}/attachments/0`);
    expect(res.status).toBe(200);
    expect(sha256(bytes)).toBe(sha256(delivered['documents/scan.pdf']));
    expect(await auditRows('download')).toContainEqual(expect.objectContaining({ outcome: 'success', patient_id: PATIENT, record_ids: [rec.id], details: { file: 'attachment 0' } }));
    expect((await download(`/api/v1/records/${rec.id}/attachments/1`)).res.status).toBe(404);
  });

  it("never hands out, for one record, a file that also holds other patients' records (refused and logged)", async () => {
    const rec = byTitle('records.xml', 'n-1');
    const { res, bytes } = await download(`/api/v1/records/${rec.id}/original`);
    expect(res.status).toBe(403);
    expect(JSON.parse(bytes.toString())).toMatchObject({ code: 'RECORD_FILE_SHARED' });
    expect(bytes.includes(Buffer.from('Sam Ordning'))).toBe(false);
    expect(await auditRows('download')).toContainEqual(expect.objectContaining({ outcome: 'refused', patient_id: PATIENT, record_ids: [rec.id], details: { file: 'original', reason: 'file-holds-other-patients' } }));
  });

  it("another region's user gets 404 for the files, and the attempt is logged as refused", async () => {
    const frida = await env.http.login('region-uppsala', 'frida');
    const rec = byTitle('records.xml', 'n-1');
    for (const path of [`/api/v1/records/${rec.id}/original`, `/api/v1/records/${rec.id}/attachments/0`]) {
      const { res, bytes } = await download(path, frida);
      expect(res.status).toBe(404);
      expect(bytes.includes(delivered['documents/scan.pdf'])).toBe(false);
    }
    const refused = (await env.db.query(`SELECT record_ids FROM audit_entry WHERE tenant_id = 'region-uppsala' AND action = 'download' AND outcome = 'refused'`)) as Array<{ record_ids: string[] }>;
    expect(refused).toContainEqual({ record_ids: [rec.id] });
  });

  it('renders the original as sanitised, self-contained HTML under a strict CSP, and logs it as a view', async () => {
    const ccda = byTitle('ccd.xml');
    const res = await env.http.get(`/api/v1/records/${ccda.id}/rendered`, users.anna);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'none'/);
    expect(csp).not.toMatch(/unsafe/);
    const html = await res.text();
    for (const title of ['Allergies', 'Medications', 'Problems']) expect(html).toMatch(new RegExp(`<h3>[^<]*${title}[^<]*</h3>`, 'i'));
    expect(html).toContain('Susanne');
    expect(html).not.toMatch(/<script|\son[a-z]+=|<link|<img|src=/i);
    const views = await auditRows('view');
    expect(views).toContainEqual(expect.objectContaining({ outcome: 'success', patient_id: PATIENT, record_ids: [ccda.id], details: { rendered: true } }));
  });

  it('renders canonical XML with the type labels in the chosen language, hostile text escaped', async () => {
    const rec = byTitle('records.xml', 'n-1');
    const sv = await (await env.http.get(`/api/v1/records/${rec.id}/rendered`, users.anna)).text();
    expect(sv).toContain('<th scope="row">Rubrik</th><td>Besök &#60;script&#62;alert(1)&#60;/script&#62;</td>');
    expect(sv).not.toContain('Sam Ordning');
    const en = await (await env.http.get(`/api/v1/records/${rec.id}/rendered?lang=en`, users.anna)).text();
    expect(en).toContain('<th scope="row">Title</th>');
    const fhir = await (await env.http.get(`/api/v1/records/${byTitle('bundle.xml', 'Composition/c1').id}/rendered`, users.anna)).text();
    expect(fhir).toContain('<h3>Bedömning</h3><div class="narrative"><p>Hypertoni, välinställd.</p>');
  });

  it("another region's user cannot render the record (404)", async () => {
    const frida = await env.http.login('region-uppsala', 'frida');
    const res = await env.http.get(`/api/v1/records/${byTitle('ccd.xml').id}/rendered`, frida);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Susanne');
  });

  describe('DIP export', () => {
    const exportDip = (body: unknown, session = users.anna) => env.http.send('POST', '/api/v1/dips', body, session);
    const unzip = (zip: Buffer) => {
      const dir = tempDir('record-files-dip');
      writeFileSync(join(dir, 'dip.zip'), zip);
      execFileSync('python3', ['-m', 'zipfile', '-e', join(dir, 'dip.zip'), join(dir, 'x')]);
      const [root] = readdirSync(join(dir, 'x'));
      return join(dir, 'x', root);
    };
    const filesUnder = (dir: string) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => relative(dir, join(e.parentPath, e.name)));

    it('streams an E-ARK DIP of the selected records that our validator accepts, with the delivered bytes and their provenance', async () => {
      const ccda = byTitle('ccd.xml');
      const note = byTitle('records.xml', 'n-1');
      const fhir = byTitle('bundle.xml', 'Composition/c1');
      const res = await exportDip({ recordIds: [ccda.id, note.id, fhir.id], purpose: 'Utlämnande till patienten', disclosureRequestId: 'FA-2026-17' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="dip-[0-9a-f-]{36}\.zip"$/);
      const zip = Buffer.from(await res.arrayBuffer());
      expect(sha256(zip)).toBe(res.headers.get('x-dip-sha256'));
      const root = unzip(zip);
      const result = await validatePackage(root, { catalog: CATALOG });
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result.valid).toBe(true);
      const files = filesUnder(root);
      // Each record's representation holds its original (and attachments) byte for byte.
      const dataOf = (id: string) => files.filter((f) => f.startsWith(`representations/${id}/data/`));
      expect(dataOf(ccda.id).map((f) => sha256(readFileSync(join(root, f))))).toEqual([sha256(delivered['ccd.xml'])]);
      // records.xml also holds another patient's record: withheld from a disclosure, and said so.
      expect(dataOf(note.id).map((f) => sha256(readFileSync(join(root, f))))).toEqual([sha256(delivered['documents/scan.pdf'])]);
      expect(JSON.parse(readFileSync(join(root, `metadata/descriptive/${note.id}.json`), 'utf8'))).toMatchObject({ withheld: [{ file: note.source_file, reason: 'holds-other-patients-records' }] });
      expect(files.filter((f) => readFileSync(join(root, f)).includes(Buffer.from('Sam Ordning')))).toEqual([]);
      expect(dataOf(fhir.id).map((f) => sha256(readFileSync(join(root, f))))).toEqual([sha256(delivered['bundle.xml'])]);
      // The canonical record with where it came from.
      const meta = JSON.parse(readFileSync(join(root, `metadata/descriptive/${ccda.id}.json`), 'utf8')) as { id: string; patient: { id: string }; provenance: { aip: { id: string }; deliveryId: string; sourceFile: string } };
      expect(meta).toMatchObject({ id: ccda.id, patient: { id: PATIENT }, provenance: { aip: { id: delivery.aipId }, deliveryId: delivery.id, sourceFile: ccda.source_file } });
      const premis = readFileSync(join(root, 'metadata/preservation/premis.xml'), 'utf8');
      expect(premis).toContain(`urn:uuid:${delivery.aipId}`);
      expect(premis).toContain(`delivery:${delivery.id}`);
      expect(premis).toContain('Utlämnande till patienten; decision FA-2026-17');
      expect(files).toContain('METS.xml');
      // Logged as an export naming the patient and every record, before the bytes left.
      const exports = await auditRows('export');
      const mine = exports.find((e) => e.outcome === 'success' && e.patient_id === PATIENT && e.record_ids.includes(ccda.id));
      expect(mine).toBeDefined();
      expect(new Set(mine!.record_ids)).toEqual(new Set([ccda.id, note.id, fhir.id]));
      expect(mine!.details).toMatchObject({ records: 3, purpose: 'Utlämnande till patienten', disclosureRequestId: 'FA-2026-17' });
    });

    it('is built on demand: two exports of the same record are two DIPs, and nothing is kept', async () => {
      const ccda = byTitle('ccd.xml');
      const [a, b] = [await exportDip({ recordIds: [ccda.id] }), await exportDip({ recordIds: [ccda.id] })];
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.headers.get('content-disposition')).not.toBe(b.headers.get('content-disposition'));
      await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
      // No stored copy: the scratch of both builds is gone once they were streamed.
      await waitFor(() => readdirSync(join(env.storageRoot, 'dip-scratch')).length === 0, 10_000);
    });

    it("through the facade: a manifest with every file's SHA-256, and a scratch folder that is gone once the stream closed", async () => {
      const ccda = byTitle('ccd.xml');
      const reader = new RequestContext(randomUUID(), {
        kind: 'user',
        id: 'facade-reader',
        tenantId: TENANT,
        displayName: 'Facade Reader',
        grants: [{ role: Role.Reader, tenantId: TENANT, informationTypeId: 'patient-record', tier: Tier.Intermediate }],
      });
      const scratch = () => readdirSync(join(env.storageRoot, 'dip-scratch'));
      const before = new Set(scratch());
      const dip = await env.app.get(SearchFacade).exportDip(reader, { recordIds: [ccda.id], purpose: 'Register' });
      const building = scratch().filter((n) => !before.has(n));
      expect(building).toHaveLength(1);
      const chunks: Buffer[] = [];
      for await (const c of dip.stream) chunks.push(c as Buffer);
      const zip = Buffer.concat(chunks);
      await waitFor(() => !scratch().includes(building[0]), 10_000);
      expect(dip.fileName).toBe(`${dip.dipId}.zip`);
      expect(dip.manifest.zip).toEqual({ fileName: dip.fileName, bytes: zip.length, sha256: sha256(zip) });
      expect(dip.manifest.records).toEqual([expect.objectContaining({ id: ccda.id, aipId: delivery.aipId, deliveryId: delivery.id })]);
      const root = unzip(zip);
      const onDisk = filesUnder(root);
      expect(new Set(dip.manifest.files.map((f) => f.path))).toEqual(new Set(onDisk));
      for (const f of dip.manifest.files) expect(sha256(readFileSync(join(root, f.path)))).toBe(f.sha256);
      expect(dip.manifest.files.find((f) => f.path.startsWith(`representations/${ccda.id}/data/`))!.sha256).toBe(sha256(delivered['ccd.xml']));
      const { html } = await env.app.get(SearchFacade).renderRecord(reader, ccda.id);
      expect(html).toContain('<html lang="sv">');
    });

    it('answers 404 naming nothing when any record is not readable, and logs the refusal', async () => {
      const ccda = byTitle('ccd.xml');
      const unknown = randomUUID();
      const mixed = await exportDip({ recordIds: [ccda.id, unknown] });
      expect(mixed.status).toBe(404);
      const body = await mixed.text();
      expect(body).not.toContain(unknown);
      expect(body).not.toContain(ccda.id);
      const frida = await env.http.login('region-uppsala', 'frida');
      expect((await exportDip({ recordIds: [ccda.id] }, frida)).status).toBe(404);
      const refused = (await env.db.query(`SELECT record_ids FROM audit_entry WHERE tenant_id = 'region-uppsala' AND action = 'export' AND outcome = 'refused'`)) as Array<{ record_ids: string[] }>;
      expect(refused).toContainEqual({ record_ids: [ccda.id] });
      expect((await auditRows('export')).filter((e) => e.outcome === 'refused')).toContainEqual(expect.objectContaining({ record_ids: [ccda.id, unknown] }));
    });

    it('refuses more than 10,000 records and an empty list with clear errors', async () => {
      const many = await exportDip({ recordIds: Array.from({ length: 10_001 }, () => randomUUID()) });
      expect(many.status).toBe(400);
      expect(await many.json()).toMatchObject({ code: 'DIP_TOO_MANY_RECORDS', message: expect.stringContaining('10000') });
      expect((await exportDip({ recordIds: [] })).status).toBe(400);
      expect((await exportDip({})).status).toBe(400);
    });
  });
});
