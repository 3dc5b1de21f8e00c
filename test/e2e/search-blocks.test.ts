import { randomInt } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { luhnValid } from '@samarkiv/records';
import { canonicalXml, deliver, sourceFile, startDemoApi, tempDir } from '../support/search-fixtures';
import type { Session, TestHttp } from '../support/http-session';

interface Summary {
  id: string;
  unit: string | null;
  fields: Record<string, unknown>;
}

interface SearchBody {
  items: Summary[];
  facets: Record<string, Array<{ value: string; count: number }>>;
  total: { count: number };
  blocked: { exists: boolean };
  code?: string;
  message?: string;
}

/** A valid personnummer nobody else in the test database uses. */
function personnummer(): string {
  const date = `19${randomInt(50, 90)}0${randomInt(1, 10)}${String(randomInt(10, 29))}`;
  const serial = String(randomInt(100, 1000));
  for (let c = 0; c < 10; c++) if (luhnValid(`${date.slice(2)}${serial}${c}`)) return `${date}${serial}${c}`;
  throw new Error('unreachable');
}

const HOME = 'SE2321000164-vc-orebro';
const PSYK = 'SE2321000164-psyk';
const YOUTH = 'SE2321000164-ungdom';
// A year and words no other test file searches (they share the demo tenant's index).
const PERIOD = { from: '1999-01-01', to: '1999-12-31' };

/** Spärr over HTTP: blocks set by an archivist hide records from users outside the unit, everywhere. */
describe('spärr (record blocks) over HTTP', () => {
  jest.setTimeout(180_000);
  let app: INestApplication;
  let bertil: Session;
  let eva: Session;
  let annaHome: Session;
  let annaPsyk: Session;
  const P1 = personnummer();
  const P2 = personnummer();
  const P3 = personnummer();
  const ids: Record<string, string> = {};
  const blocks: Record<string, string> = {};
  let aipId: string;

  let http: TestHttp;
  const send = (method: 'POST' | 'DELETE', path: string, body: unknown, s: Session) => http.send(method, path, body, s);
  const get = (path: string, s: Session) => http.get(path, s);
  const search = async (s: Session, criteria: Record<string, unknown>) => {
    const res = await send('POST', '/api/v1/search/patient-record', { criteria }, s);
    expect(res.status).toBe(200);
    return (await res.json()) as SearchBody;
  };
  const timeline = async (s: Session, patientId: string) => {
    const res = await send('POST', '/api/v1/search/patient-record/timeline', { patientId }, s);
    expect(res.status).toBe(200);
    return (await res.json()) as { groups: Array<{ unit: string | null; items: Summary[] }>; count: number; blocked: { exists: boolean } };
  };
  const audit = (action: string) =>
    app.get(DataSource).query(`SELECT outcome, patient_id, record_ids, details, care_unit_hsa_id, actor_id FROM audit_entry WHERE tenant_id = 'region-orebro' AND action = $1 ORDER BY seq`, [action]) as Promise<
      Array<{ outcome: string; patient_id: string | null; record_ids: string[]; details: Record<string, unknown> | null; care_unit_hsa_id: string | null }>
    >;

  beforeAll(async () => {
    ({ app, http } = await startDemoApi());
    const dir = tempDir();
    const rec = (id: string, patientId: string, careUnit: string, date: string, title: string) => ({
      id,
      values: { patientId, patientName: 'Spärrad Patient', date, careUnit, documentType: 'anteckning', title, diagnosisCodes: ['F41.1'], text: `${title}: mående förbättrat.` },
    });
    const file = canonicalXml(
      dir,
      'patient-record',
      [
        rec('b-1', P1, PSYK, '1999-02-01', 'Psykiatri P1'),
        rec('b-2', P1, HOME, '1999-03-01', 'Vårdcentral P1'),
        rec('b-3', P2, YOUTH, '1999-04-01', 'Ungdom P2'),
        rec('b-4', P2, HOME, '1999-05-01', 'Vårdcentral P2'),
        rec('b-5', P3, PSYK, '1999-06-01', 'Psykiatri P3'),
      ],
      'blocks.xml',
    );
    const d = await deliver(app, 'region-orebro', 'patient-record', 'Cosmic', [sourceFile(file, 'representations/rep1/data/records.xml')]);
    expect(d.indexed).toBe(5);
    aipId = d.aipId;
    const rows = (await app.get(DataSource).query(`SELECT id, source_record_id FROM record WHERE aip_id = $1`, [d.aipId])) as Array<{ id: string; source_record_id: string }>;
    for (const r of rows) ids[r.source_record_id] = r.id;
    bertil = await http.login('region-orebro', 'bertil');
    eva = await http.login('region-orebro', 'eva');
    annaHome = await http.login('region-orebro', 'anna');
    annaPsyk = await http.login('region-orebro', 'anna', PSYK);
  });

  afterAll(async () => {
    if (aipId) await app.get(DataSource).query(`DELETE FROM record WHERE tenant_id = 'region-orebro' AND aip_id = $1`, [aipId]);
    await app?.close();
  });

  it('archivists and the tenant administrator set blocks; readers may not; each change is logged as a block', async () => {
    expect((await get('/api/v1/record-blocks', annaHome)).status).toBe(403);
    expect((await send('POST', '/api/v1/record-blocks', { careUnit: PSYK, patientId: P1, reason: 'Patientens begäran' }, annaHome)).status).toBe(403);
    const one = await send('POST', '/api/v1/record-blocks', { careUnit: PSYK, patientId: `${P1.slice(0, 8)}-${P1.slice(8)}`, reason: 'Patientens begäran' }, bertil);
    expect(one.status).toBe(201);
    const b1 = (await one.json()) as { id: string; patient: { id: string }; careUnit: string; setBy: string };
    expect(b1).toMatchObject({ patient: { id: P1, issuer: null }, careUnit: PSYK });
    blocks.p1 = b1.id;
    const unit = await send('POST', '/api/v1/record-blocks', { careUnit: YOUTH, reason: 'Hela enheten spärrad' }, eva);
    expect(unit.status).toBe(201);
    blocks.youth = ((await unit.json()) as { id: string }).id;
    const again = await send('POST', '/api/v1/record-blocks', { careUnit: PSYK, patientId: P1, reason: 'igen' }, eva);
    expect(again.status).toBe(409);
    const bad = await send('POST', '/api/v1/record-blocks', { careUnit: PSYK, patientId: '19121212-1213', reason: 'x' }, bertil);
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain('1213');
    const list = (await (await get(`/api/v1/record-blocks?careUnit=${YOUTH}`, bertil)).json()) as Array<{ id: string; patient: unknown }>;
    expect(list).toEqual([expect.objectContaining({ id: blocks.youth, patient: null })]);
    const byPatient = (await (await send('POST', '/api/v1/record-blocks/search', { patientId: P1 }, eva)).json()) as Array<{ id: string }>;
    expect(byPatient.map((b) => b.id)).toEqual([blocks.p1]);
    const logged = await audit('block');
    expect(logged).toContainEqual(expect.objectContaining({ outcome: 'success', patient_id: P1, details: expect.objectContaining({ operation: 'set', blockId: blocks.p1, careUnit: PSYK, scope: 'patient' }) }));
    expect(logged).toContainEqual(expect.objectContaining({ patient_id: null, details: expect.objectContaining({ operation: 'set', blockId: blocks.youth, scope: 'care-unit' }) }));
    expect(JSON.stringify(logged)).not.toContain('Patientens begäran');
  });

  it('search hides blocked records from users outside the unit and says only that hidden matches exist', async () => {
    const p1 = await search(annaHome, { patientId: P1 });
    expect(p1.items.map((i) => i.fields.title)).toEqual(['Vårdcentral P1']);
    expect(p1.blocked).toEqual({ exists: true });
    expect(p1.total.count).toBe(1);
    const p2 = await search(annaHome, { patientId: P2 });
    expect(p2.items.map((i) => i.fields.title)).toEqual(['Vårdcentral P2']);
    expect(p2.blocked).toEqual({ exists: true });
    // P3's record at the same unit is not blocked (the block names P1 only).
    const p3 = await search(annaHome, { patientId: P3 });
    expect(p3.items.map((i) => i.fields.title)).toEqual(['Psykiatri P3']);
    expect(p3.blocked).toEqual({ exists: false });
    // A search over the blocked unit: no items, no facet values or counts of the hidden records.
    const unitSearch = await search(annaHome, { careUnit: YOUTH, date: PERIOD });
    expect(unitSearch.items).toEqual([]);
    expect(unitSearch.total.count).toBe(0);
    expect(unitSearch.blocked).toEqual({ exists: true });
    for (const values of Object.values(unitSearch.facets)) expect(values).toEqual([]);
  });

  it('facets never count blocked records', async () => {
    const psyk = await search(annaHome, { careUnit: PSYK, date: PERIOD });
    expect(psyk.items.map((i) => i.fields.title)).toEqual(['Psykiatri P3']);
    expect(psyk.facets.careUnit).toEqual([{ value: PSYK, count: 1 }]);
    expect(psyk.facets.diagnosisCodes).toEqual([{ value: 'F41.1', count: 1 }]);
    expect(psyk.total.count).toBe(1);
    const p1 = await search(annaHome, { patientId: P1 });
    expect(p1.facets.careUnit).toEqual([{ value: HOME, count: 1 }]);
    expect(JSON.stringify(p1)).not.toContain(PSYK);
    expect(JSON.stringify(p1)).not.toContain('Psykiatri P1');
  });

  it('the timeline leaves blocked records out and flags that some exist', async () => {
    const t = await timeline(annaHome, P1);
    expect(t.count).toBe(1);
    expect(t.groups.map((g) => g.unit)).toEqual([HOME]);
    expect(t.blocked).toEqual({ exists: true });
    expect((await timeline(annaHome, P3)).blocked).toEqual({ exists: false });
  });

  it('a blocked record by id is not found (view, original, attachment), and the refusal is logged with its patient', async () => {
    for (const path of [`/api/v1/records/${ids['b-1']}`, `/api/v1/records/${ids['b-1']}/original`, `/api/v1/records/${ids['b-1']}/attachments/0`, `/api/v1/records/${ids['b-3']}`]) {
      const res = await get(path, annaHome);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'RECORD_NOT_FOUND' });
    }
    expect((await get(`/api/v1/records/${ids['b-2']}`, annaHome)).status).toBe(200);
    const refused = (await audit('view')).filter((r) => r.outcome === 'refused' && r.record_ids.includes(ids['b-1']));
    expect(refused).toEqual([expect.objectContaining({ patient_id: P1, care_unit_hsa_id: HOME, details: expect.objectContaining({ reason: 'blocked' }) })]);
    expect((await audit('download')).filter((r) => r.outcome === 'refused' && r.record_ids.includes(ids['b-1']))).toHaveLength(2);
  });

  it('a user acting in the blocked unit sees its records', async () => {
    const p1 = await search(annaPsyk, { patientId: P1 });
    expect(p1.items.map((i) => i.fields.title).sort()).toEqual(['Psykiatri P1', 'Vårdcentral P1']);
    expect(p1.blocked).toEqual({ exists: false });
    expect((await get(`/api/v1/records/${ids['b-1']}`, annaPsyk)).status).toBe(200);
    // The whole-unit block of another unit still applies to them.
    expect((await search(annaPsyk, { patientId: P2 })).blocked).toEqual({ exists: true });
    expect((await get(`/api/v1/records/${ids['b-3']}`, annaPsyk)).status).toBe(404);
  });

  it('lifting a block shows the records again, and is logged', async () => {
    expect((await send('DELETE', `/api/v1/record-blocks/${blocks.p1}`, undefined, bertil)).status).toBe(200);
    expect((await send('DELETE', `/api/v1/record-blocks/${blocks.p1}`, undefined, bertil)).status).toBe(404);
    const p1 = await search(annaHome, { patientId: P1 });
    expect(p1.items).toHaveLength(2);
    expect(p1.blocked).toEqual({ exists: false });
    expect((await get(`/api/v1/records/${ids['b-1']}`, annaHome)).status).toBe(200);
    expect(await audit('block')).toContainEqual(expect.objectContaining({ patient_id: P1, details: expect.objectContaining({ operation: 'lifted', blockId: blocks.p1 }) }));
    // Leave the demo tenant as other test files expect it.
    expect((await send('DELETE', `/api/v1/record-blocks/${blocks.youth}`, undefined, eva)).status).toBe(200);
  });
});
