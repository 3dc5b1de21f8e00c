import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSip } from '@samarkiv/information-package';
import { XML_BUNDLE } from '../../libs/records/src/fhir/fhir-bundles.fixture';
import { sipOptions, tempDir } from '../../libs/information-package/src/writer/testing/fixtures.test-helper';
import { DeliveryBody } from '../support/ingest-http';
import { DemoSessions, LifecycleEnv, signInDemoUsers, startLifecycleApp, stopLifecycleApp, TENANT } from '../support/final-archive-fixtures';
import { canonicalXml, swedishCcda } from '../support/search-fixtures';
import { SHARED_DIR } from '../support/shared-dir';

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
});
