import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { JSON_BUNDLE } from '../../libs/records/src/fhir/fhir-bundles.fixture';
import { DataSource } from 'typeorm';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext, Role, Tier } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { SearchFacade } from '../../src/search/search.facade';
import { canonicalXml, deliver, indexDirect, sourceFile, swedishCcda, tempDir } from '../support/search-fixtures';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment } from '../support/test-env';

interface Session {
  cookie: string;
  csrf: string;
}

interface Summary {
  id: string;
  date: string | null;
  unit: string | null;
  patient: { id: string; issuer: string | null } | null;
  sourceSystem: string;
  fields: Record<string, unknown>;
}

const PATIENT = '191212121212';

/** Search and record view over HTTP with signed-in demo users; records indexed as ingest would. */
describe('search over HTTP', () => {
  jest.setTimeout(120_000);
  let app: INestApplication;
  let url: string;
  let anna: Session;
  let frida: Session;
  let ccdaRecordId: string;
  let financeRecordId: string;
  let uppsalaRecordId: string;

  async function login(tenant: string, user: string): Promise<Session> {
    const res = await fetch(`${url}/auth/demo/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant, user }) });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const session = (await (await fetch(`${url}/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    return { cookie, csrf: session.csrfToken };
  }

  const post = (path: string, body: unknown, s: Session) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }, body: JSON.stringify(body) });
  const get = (path: string, s: Session) => fetch(`${url}${path}`, { headers: { cookie: s.cookie } });
  const search = async (s: Session, type: string, body: unknown) => {
    const res = await post(`/api/v1/search/${type}`, body, s);
    return { status: res.status, body: (await res.json()) as { items: Summary[]; facets: Record<string, Array<{ value: string; count: number }>>; nextCursor: string | null; total: { count: number }; code?: string; message?: string } };
  };
  const auditRows = (tenantId: string, action: string) =>
    app.get(DataSource).query(`SELECT outcome, patient_id, record_ids, search_criteria, information_type_id, actor_id FROM audit_entry WHERE tenant_id = $1 AND action = $2 ORDER BY seq`, [tenantId, action]) as Promise<
      Array<{ outcome: string; patient_id: string | null; record_ids: string[]; search_criteria: Record<string, unknown> | null; information_type_id: string | null }>
    >;

  beforeAll(async () => {
    useTestEnvironment({ DEMO_MODE: 'true', RATE_LIMIT_PER_MINUTE: '10000' });
    ({ app, url } = await startTestApp(ProcessRole.Api));
    await app.get(TenancyFacade).seedDemo(RequestContext.system('test'));
    anna = await login('region-orebro', 'anna');
    const dir = tempDir();
    // The same patient delivered from two source formats: a C-CDA export and our canonical XML.
    const ccda = await deliver(app, 'region-orebro', 'patient-record', 'TakeCare', [sourceFile(swedishCcda(dir, PATIENT), 'representations/rep1/data/ccd.xml')]);
    expect(ccda.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const canonical = canonicalXml(dir, 'patient-record', [
      { id: 'n-1', values: { patientId: '19121212-1212', patientName: 'Tolvan Tolvansson', date: '2016-03-01T10:00:00+01:00', careUnit: 'Vårdcentralen Örebro', documentType: 'anteckning', title: 'Besöksanteckning', author: 'Doktor Ek', diagnosisCodes: ['I10', 'E11.9'], text: 'Patienten har hypertoni och diabetes.' } },
      { id: 'n-2', values: { patientId: '191212121212', patientName: 'Tolvan Tolvansson', date: '2015-06-01', careUnit: 'Akutmottagningen USÖ', documentType: 'epikris', title: 'Epikris', text: 'Inlagd för bröstsmärta.' } },
      { id: 'n-3', values: { patientId: '197010632391', patientName: 'Sam Ordning', date: '2016-01-01', careUnit: 'Vårdcentralen Örebro', documentType: 'anteckning', title: 'Anteckning', text: 'Hypertoni kontroll.' } },
    ]);
    const xml = await deliver(app, 'region-orebro', 'patient-record', 'Cosmic', [sourceFile(canonical, 'representations/rep1/data/records.xml')]);
    expect(xml.findings).toEqual([]);
    expect(xml.indexed).toBe(3);
    // A third format for the same patient: a FHIR R4 JSON bundle from yet another system.
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(JSON_BUNDLE));
    const fhir = await deliver(app, 'region-orebro', 'patient-record', 'Melior', [sourceFile(join(dir, 'bundle.json'), 'representations/rep1/data/bundle.json')]);
    expect(fhir.findings).toEqual([]);
    expect(fhir.indexed).toBe(6);
    const fin = await indexDirect(app, 'region-orebro', 'finance', [
      { recordId: 'v-1', informationTypeId: 'finance', fields: { voucherNumber: 'V1001', date: '2016-02-01', account: '4010', amount: 1250.5, counterparty: 'Apoteket AB', invoiceNumber: 'F-77' }, text: 'Läkemedel', sourceFile: 'f.csv' },
    ]);
    expect(fin.indexed).toBe(1);
    financeRecordId = ((await app.get(DataSource).query(`SELECT id FROM record WHERE aip_id = $1`, [fin.aipId])) as Array<{ id: string }>)[0].id;
    // The same personnummer in another region: never visible from Örebro.
    const other = canonicalXml(dir, 'patient-record', [{ id: 'u-1', values: { patientId: PATIENT, date: '2016-05-05', careUnit: 'Akademiska', documentType: 'remiss', title: 'Remiss Uppsala', text: 'Hypertoni remiss.' } }], 'uppsala.xml');
    const u = await deliver(app, 'region-uppsala', 'patient-record', 'Cosmic', [sourceFile(other, 'representations/rep1/data/records.xml')]);
    uppsalaRecordId = ((await app.get(DataSource).query(`SELECT id FROM record WHERE aip_id = $1`, [u.aipId])) as Array<{ id: string }>)[0].id;
    frida = await login('region-uppsala', 'frida');
    ccdaRecordId = ((await app.get(DataSource).query(`SELECT id FROM record WHERE aip_id = $1`, [ccda.aipId])) as Array<{ id: string }>)[0].id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('finds one patient across three source formats in one uniform list, in any written form of the personnummer', async () => {
    for (const written of ['191212121212', '19121212-1212', '121212+1212']) {
      const { status, body } = await search(anna, 'patient-record', { criteria: { patientId: written } });
      expect(status).toBe(200);
      expect(body.items).toHaveLength(9);
      expect(new Set(body.items.map((i) => i.sourceSystem))).toEqual(new Set(['TakeCare', 'Cosmic', 'Melior']));
      for (const item of body.items) {
        expect(item.patient).toEqual({ id: PATIENT, issuer: '1.2.752.129.2.1.3.1' });
        expect(Object.keys(item.fields)).not.toContain('text');
      }
    }
    const { body } = await search(anna, 'patient-record', { criteria: { patientId: PATIENT } });
    // Newest first, whatever the format.
    const dates = body.items.map((i) => i.date!);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(body.items.find((i) => i.sourceSystem === 'TakeCare')!.fields).toMatchObject({ documentType: 'sammanfattning', patientName: 'Susanne Adirondack', author: 'Anna Bates MD', date: '2017-09-18T09:16:33-04:00' });
    expect(body.items.find((i) => i.sourceSystem === 'Melior' && i.fields.documentType === 'epikris')!.fields).toMatchObject({ title: 'Epikris', careUnit: 'Vårdcentralen Ekeby', signedBy: 'Eva Ek' });
    expect(body.facets.documentType).toEqual(expect.arrayContaining([{ value: 'epikris', count: 2 }, { value: 'anteckning', count: 1 }, { value: 'provsvar', count: 1 }]));
    expect(body.facets.diagnosisCodes).toEqual(expect.arrayContaining([{ value: 'I10', count: 2 }]));
    expect(body.total.count).toBe(9);
  });

  it('filters by period, care unit, document type, diagnosis code prefix and free Swedish text', async () => {
    const period = { from: '2016-01-01', to: '2016-12-31' };
    const ids = async (criteria: Record<string, unknown>) => (await search(anna, 'patient-record', { criteria })).body.items.map((i) => i.fields.title);
    expect(await ids({ patientId: PATIENT, date: period })).toEqual(['Besöksanteckning']);
    expect(await ids({ careUnit: 'Vårdcentralen Örebro', date: period })).toEqual(['Besöksanteckning', 'Anteckning']);
    expect(await ids({ careProvider: 'Community Health and Hospitals', documentType: 'sammanfattning', date: { from: '2017-01-01', to: '2017-12-31' } })).toEqual(['Summarization of Episode Note']);
    expect(await ids({ patientId: PATIENT, diagnosisCodes: 'E11*' })).toEqual(['Besöksanteckning']);
    expect(await ids({ text: 'hypertoni', date: period })).toEqual(['Besöksanteckning', 'Anteckning']);
    // Swedish stemming: "patienterna" finds "Patienten".
    expect(await ids({ text: 'patienterna', date: period })).toEqual(['Besöksanteckning']);
    expect(await ids({ patientId: PATIENT, patientName: 'tolvan', date: { from: '2015-01-01', to: '2016-12-31' } })).toEqual(['Besöksanteckning', 'Epikris']);
  });

  it('refuses a broad search with a clear message naming the required criteria', async () => {
    const { status, body } = await search(anna, 'patient-record', { criteria: { text: 'hypertoni' } });
    expect(status).toBe(400);
    expect(body.code).toBe('SEARCH_TOO_BROAD');
    expect(body.message).toContain('patientId; careUnit + date');
    expect((await search(anna, 'patient-record', { criteria: { careUnit: 'x', date: { from: '2016-01-01' } } })).body.code).toBe('SEARCH_TOO_BROAD');
  });

  it('checks criteria against the type definition without echoing values', async () => {
    const unknown = await search(anna, 'patient-record', { criteria: { patientId: PATIENT, shoeSize: 'size-4711' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('SEARCH_INVALID_CRITERIA');
    const badRange = await search(anna, 'patient-record', { criteria: { patientId: PATIENT, date: { from: 'yesterday', to: '2016-01-01' } } });
    expect(badRange.body.code).toBe('SEARCH_INVALID_CRITERIA');
    const badSort = await search(anna, 'patient-record', { criteria: { patientId: PATIENT }, sort: { field: 'title' } });
    expect(badSort.body.code).toBe('SEARCH_INVALID_SORT');
    expect(JSON.stringify([unknown.body, badRange.body])).not.toContain('4711');
  });

  it('pages with a cursor, without gaps or repeats, in both directions', async () => {
    const records = Array.from({ length: 25 }, (_, i) => ({
      recordId: `p-${i}`,
      informationTypeId: 'patient-record',
      fields: { patientId: '198112189876', date: `2014-01-${String((i % 28) + 1).padStart(2, '0')}`, careUnit: i % 2 ? 'A' : 'B', documentType: 'anteckning', title: `Anteckning ${i}` },
      patient: { id: '198112189876', issuer: '1.2.752.129.2.1.3.1' },
      sourceFile: 'gen.xml',
    }));
    await indexDirect(app, 'region-orebro', 'patient-record', records);
    for (const direction of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | null | undefined;
      let pages = 0;
      do {
        const { body } = await search(anna, 'patient-record', { criteria: { patientId: '198112189876' }, limit: 10, cursor: cursor ?? undefined, sort: { field: 'date', direction } });
        seen.push(...body.items.map((i) => i.fields.title as string));
        cursor = body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(25);
    }
    const bad = await search(anna, 'patient-record', { criteria: { patientId: '198112189876' }, cursor: 'garbage' });
    expect(bad.body.code).toBe('SEARCH_INVALID_CURSOR');
  });

  it('shows a patient timeline across formats, grouped by care unit, each group in date order', async () => {
    const res = await post('/api/v1/search/patient-record/timeline', { patientId: '19121212-1212' }, anna);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { groups: Array<{ unit: string | null; last: string; items: Summary[] }>; count: number };
    expect(body.count).toBe(9);
    expect(body.groups.map((g) => g.unit).sort()).toEqual(['Akutmottagningen USÖ', 'IP Community Health and Hospitals', 'Vårdcentralen Ekeby', 'Vårdcentralen Örebro', null].sort());
    for (const g of body.groups) expect(g.items.map((i) => i.date)).toEqual(g.items.map((i) => i.date).sort());
    const lasts = body.groups.map((g) => g.last);
    expect([...lasts].sort().reverse()).toEqual(lasts);
    const windowed = (await (await post('/api/v1/search/patient-record/timeline', { patientId: PATIENT, date: { from: '2015-01-01', to: '2016-12-31' } }, anna)).json()) as { count: number };
    expect(windowed.count).toBe(2);
  });

  it('renders a record per its type layout and logs the view with the patient', async () => {
    const res = await get(`/api/v1/records/${ccdaRecordId}`, anna);
    expect(res.status).toBe(200);
    const view = (await res.json()) as { sections: Array<{ id: string; fields: Array<{ name: string; value: unknown }> }>; source: { system: string; file: string } };
    expect(view.sections.map((s) => s.id)).toEqual(['patient', 'document', 'origin', 'content']);
    expect(view.sections[0].fields).toEqual([expect.objectContaining({ name: 'patientId', value: PATIENT }), expect.objectContaining({ name: 'patientName', value: 'Susanne Adirondack' })]);
    expect(view.sections[3].fields[0].value).toMatch(/Allergies/);
    expect(view.source).toMatchObject({ system: 'TakeCare', file: 'representations/rep1/data/ccd.xml' });
    const views = await auditRows('region-orebro', 'view');
    expect(views).toContainEqual(expect.objectContaining({ outcome: 'success', patient_id: PATIENT, record_ids: [ccdaRecordId], information_type_id: 'patient-record' }));
  });

  it('logs every search with its criteria and the patient', async () => {
    const searches = await auditRows('region-orebro', 'search');
    expect(searches.length).toBeGreaterThan(5);
    expect(searches).toContainEqual(expect.objectContaining({ patient_id: PATIENT, search_criteria: expect.objectContaining({ criteria: { patientId: '121212+1212' } }) }));
  });

  it('never shows another region’s records: searches miss them, direct ids are 404 and logged as refused', async () => {
    const { body } = await search(frida, 'patient-record', { criteria: { patientId: PATIENT } });
    expect(body.items.map((i) => i.fields.title)).toEqual(['Remiss Uppsala']);
    const res = await get(`/api/v1/records/${ccdaRecordId}`, frida);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'RECORD_NOT_FOUND' });
    expect(await auditRows('region-uppsala', 'view')).toContainEqual(expect.objectContaining({ outcome: 'refused', record_ids: [ccdaRecordId], patient_id: null }));
    expect((await get(`/api/v1/records/${uppsalaRecordId}`, anna)).status).toBe(404);
    expect((await get('/api/v1/records/not-a-uuid', anna)).status).toBe(404);
  });

  it('ungranted information types never appear: search is forbidden and direct ids are not found', async () => {
    expect((await search(anna, 'finance', { criteria: { voucherNumber: 'V1001' } })).status).toBe(403);
    expect((await get(`/api/v1/records/${financeRecordId}`, anna)).status).toBe(404);
    const bertil = await login('region-orebro', 'bertil');
    const fin = await search(bertil, 'finance', { criteria: { voucherNumber: 'V1*' } });
    expect(fin.body.items.map((i) => i.fields.voucherNumber)).toEqual(['V1001']);
    expect((await get(`/api/v1/records/${financeRecordId}`, bertil)).status).toBe(200);
    const nils = await login('region-uppsala', 'nils');
    expect((await search(nils, 'patient-record', { criteria: { patientId: PATIENT } })).status).toBe(403);
    expect((await search(anna, 'no-such-type', { criteria: {} })).status).toBe(403);
  });

  it('the final tier is hidden from intermediate-tier readers', async () => {
    await indexDirect(app, 'region-orebro', 'patient-record', [{ recordId: 'final-1', informationTypeId: 'patient-record', fields: { patientId: PATIENT, date: '2010-01-01', title: 'Slutarkiverad' }, patient: { id: PATIENT, issuer: '1.2.752.129.2.1.3.1' }, sourceFile: 'x.xml' }], 'final');
    const { body } = await search(anna, 'patient-record', { criteria: { patientId: PATIENT } });
    expect(body.items.map((i) => i.fields.title)).not.toContain('Slutarkiverad');
    const cecilia = await login('region-orebro', 'cecilia');
    const fin = await search(cecilia, 'patient-record', { criteria: { patientId: PATIENT } });
    expect(fin.body.items.map((i) => i.fields.title)).toEqual(['Slutarkiverad']);
  });

  it('a record whose AIP is not in the catalogue has no file to download (404, never 503)', async () => {
    // These records were indexed directly, without an AIP in storage (record-files.test.ts delivers real ones).
    const res = await get(`/api/v1/records/${ccdaRecordId}/original`, anna);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'RECORD_FILE_NOT_FOUND' });
  });

  it('the console reader facade lists only the types the caller may search, with what a form needs', async () => {
    const ctx = new RequestContext('t', { kind: 'user', id: 'u', tenantId: 'region-orebro', grants: [{ role: Role.Reader, tenantId: 'region-orebro', informationTypeId: 'patient-record', tier: Tier.Intermediate }] });
    const types = app.get(SearchFacade).informationTypes(ctx);
    expect(types.map((t) => t.id)).toEqual(['patient-record']);
    const [pr] = types;
    expect(pr).toMatchObject({ labels: { sv: expect.any(String), en: expect.any(String) }, tiers: ['intermediate'], dateField: 'date', unitField: 'careUnit', patientData: true });
    expect(pr.fields.find((f) => f.name === 'diagnosisCodes')).toMatchObject({ kind: 'code', search: ['exact', 'prefix', 'facet'], multiple: true });
    expect(pr.resultColumns).not.toContain('text');
    expect(pr.layout.sections.map((s) => s.id)).toEqual(['patient', 'document', 'origin', 'content']);
    const viaFacade = await app.get(SearchFacade).search(ctx, 'patient-record', { criteria: { patientId: PATIENT } });
    expect(viaFacade.items.length).toBeGreaterThan(0);
    expect(viaFacade.blocked).toEqual({ exists: false });
    expect((await app.get(SearchFacade).viewRecord(ctx, ccdaRecordId)).id).toBe(ccdaRecordId);
  });
});
