import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CCDA_DIR, deliver, sourceFile, startDemoApi, tempDir } from '../support/search-fixtures';
import type { Session, TestHttp } from '../support/http-session';
import { uniq } from '../support/test-env';

const ISSUER = '2.16.840.1.113883.3.3619.2';

/**
 * A patient with a foreign id (a US id under an OID, as in the C-CDA samples): searches, timeline
 * and record views are logged with the id and its issuer, and the log reviewer's per-patient
 * extract finds them.
 */
describe('access log of patients with a foreign id, over HTTP', () => {
  jest.setTimeout(180_000);
  let app: INestApplication;
  let anna: Session;
  let david: Session;
  let recordId: string;
  let aipId: string;
  // The sample's id made unique to this run (other files index the same sample).
  const patientId = `55-${uniq()}`;
  const key = `${ISSUER}|${patientId}`;

  let http: TestHttp;
  const post = (path: string, body: unknown, s: Session) => http.send('POST', path, body, s);
  const logged = (action: string) =>
    app.get(DataSource).query(`SELECT patient_id, record_ids, details, outcome FROM audit_entry WHERE tenant_id = 'region-orebro' AND action = $1 AND actor_name = 'Anna Andersson' ORDER BY seq`, [action]) as Promise<
      Array<{ patient_id: string | null; record_ids: string[]; details: Record<string, unknown> | null; outcome: string }>
    >;

  beforeAll(async () => {
    ({ app, http } = await startDemoApi());
    const dir = tempDir();
    const text = readFileSync(join(CCDA_DIR, 'Amrita/Adirondack_Susanne_808080_CCD_201709180916.xml'), 'utf8').replace(`<id root="${ISSUER}" extension="55"/>`, `<id root="${ISSUER}" extension="${patientId}"/>`);
    expect(text).toContain(patientId);
    writeFileSync(join(dir, 'ccd.xml'), text);
    const d = await deliver(app, 'region-orebro', 'patient-record', 'TakeCare', [sourceFile(join(dir, 'ccd.xml'), 'representations/rep1/data/ccd.xml')]);
    expect(d.indexed).toBe(1);
    aipId = d.aipId;
    recordId = ((await app.get(DataSource).query(`SELECT id FROM record WHERE aip_id = $1`, [aipId])) as Array<{ id: string }>)[0].id;
    anna = await http.login('region-orebro', 'anna');
    david = await http.login('region-orebro', 'david');
  });

  afterAll(async () => {
    if (aipId) await app.get(DataSource).query(`DELETE FROM record WHERE tenant_id = 'region-orebro' AND aip_id = $1`, [aipId]);
    await app?.close();
  });

  it('a search by the id and its issuer logs the patient with the issuer', async () => {
    const res = await post('/api/v1/search/patient-record', { criteria: { patientId, patientIssuer: ISSUER } }, anna);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ id: string; patient: { id: string; issuer: string } }> };
    expect(body.items.map((i) => [i.id, i.patient])).toEqual([[recordId, { id: patientId, issuer: ISSUER }]]);
    expect((await logged('search')).filter((e) => e.record_ids.includes(recordId))).toEqual([expect.objectContaining({ patient_id: key })]);
  });

  it('a search by the id alone is attributed to the issuer its records carry; so is the timeline', async () => {
    const before = (await logged('search')).length;
    expect((await post('/api/v1/search/patient-record', { criteria: { patientId } }, anna)).status).toBe(200);
    const timeline = await post('/api/v1/search/patient-record/timeline', { patientId }, anna);
    expect(timeline.status).toBe(200);
    expect(((await timeline.json()) as { count: number }).count).toBe(1);
    const entries = (await logged('search')).slice(before);
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e.patient_id).toBe(key);
  });

  it('a record view logs the patient with the issuer', async () => {
    expect((await http.get(`/api/v1/records/${recordId}`, anna)).status).toBe(200);
    expect((await logged('view')).filter((e) => e.record_ids.includes(recordId))).toEqual([expect.objectContaining({ outcome: 'success', patient_id: key, details: null })]);
  });

  it("the log reviewer's per-patient extract finds every access by id and issuer", async () => {
    const res = await post('/api/v1/tenants/region-orebro/audit/patient-extract', { patientId, patientIssuer: ISSUER }, david);
    expect(res.status).toBe(200);
    const extract = (await res.json()) as { patientId: string; entries: Array<{ action: string; patientId: string; actor: { name: string }; recordIds: string[] }> };
    expect(extract.patientId).toBe(key);
    const annas = extract.entries.filter((e) => e.actor.name === 'Anna Andersson');
    expect(annas.map((e) => e.action).sort()).toEqual(['search', 'search', 'search', 'view']);
    for (const e of annas) expect(e.patientId).toBe(key);
    // Without the issuer the id is not a personnummer: a clear refusal, the value not echoed.
    const bare = await post('/api/v1/tenants/region-orebro/audit/patient-extract', { patientId }, david);
    expect(bare.status).toBe(400);
    expect(await bare.text()).not.toContain(patientId);
  });
});
