import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { AuditFacade } from '../../src/audit/audit.facade';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment } from '../support/test-env';
import { Session, TestHttp } from '../support/http-session';
import { readerCtx, viewEntry } from '../integration/audit-fixtures';

interface Entry {
  seq: number;
  action: string;
  patientId: string | null;
  recordIds: string[];
  careUnit: { name: string | null };
}

/** Log review over HTTP as a signed-in log reviewer: the routes the console's pages use. */
describe('log review over HTTP (signed-in reviewer)', () => {
  let app: INestApplication;
  let http: TestHttp;
  let david: Session; // log reviewer, region-orebro
  let anna: Session; // reader, region-orebro
  let frida: Session; // reader, region-uppsala
  const base = '/api/v1/tenants/region-orebro/audit';
  const patient = '195001019876';

  beforeAll(async () => {
    useTestEnvironment({ DEMO_MODE: 'true' });
    const started = await startTestApp(ProcessRole.Api);
    app = started.app;
    http = new TestHttp(started.url);
    await app.get(TenancyFacade).seedDemo(RequestContext.system('test'));
    const audit = app.get(AuditFacade);
    for (let i = 0; i < 3; i++) await audit.record(readerCtx('region-orebro', 'reader-x', 'Rita Läsare'), viewEntry(patient, `rec-${i}`));
    await audit.record(readerCtx('region-orebro', 'reader-x', 'Rita Läsare'), viewEntry('191212121212', 'rec-other'));
    // The same patient in another region: never part of Örebro's extract.
    await audit.record(readerCtx('region-uppsala', 'reader-u'), viewEntry(patient, 'rec-uppsala'));
    [david, anna, frida] = await Promise.all([http.login('region-orebro', 'david'), http.login('region-orebro', 'anna'), http.login('region-uppsala', 'frida')]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("gives the patient's log extract as JSON, CSV and PDF, only this region's accesses to this patient", async () => {
    const res = await http.send('POST', `${base}/patient-extract`, { patientId: '19500101-9876' }, david);
    expect(res.status).toBe(200);
    const extract = (await res.json()) as { patientId: string; entries: Entry[] };
    expect(extract.patientId).toBe(patient);
    const views = extract.entries.filter((e) => e.action === 'view');
    expect(views.map((e) => e.recordIds[0]).sort()).toEqual(['rec-0', 'rec-1', 'rec-2']);
    expect(views.every((e) => e.patientId === patient && e.careUnit.name === 'Vårdcentralen Mitt')).toBe(true);

    const csv = await http.send('POST', `${base}/patient-extract`, { patientId: patient, format: 'csv' }, david);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n').filter((l) => l.includes('rec-')).length).toBe(3);

    const pdf = await http.send('POST', `${base}/patient-extract`, { patientId: patient, format: 'pdf' }, david);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('lists one user’s accesses, draws a sample, notes an item and signs it off', async () => {
    const accesses = (await (await http.get(`${base}/users/reader-x/accesses`, david)).json()) as Entry[];
    expect(accesses.filter((e) => e.action === 'view')).toHaveLength(4);

    const created = await http.send('POST', `${base}/samples`, { size: 2 }, david);
    expect(created.status).toBe(201);
    const sample = (await created.json()) as { id: string; items: Array<{ seq: number }>; signedOffAt: string | null };
    expect(sample.items).toHaveLength(2);
    const noted = await http.send('PUT', `${base}/samples/${sample.id}/items/${sample.items[0].seq}/note`, { note: 'Vårdrelation finns.' }, david);
    expect(noted.status).toBe(200);
    const signed = await http.send('POST', `${base}/samples/${sample.id}/sign-off`, { conclusion: 'Inga avvikelser.' }, david);
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ id: sample.id, signedOffAt: expect.any(String) });
    const list = (await (await http.get(`${base}/samples`, david)).json()) as Array<{ id: string }>;
    expect(list.map((s) => s.id)).toContain(sample.id);
  });

  it('a reader may not review; another region gets 404; the review itself is logged', async () => {
    expect((await http.send('POST', `${base}/patient-extract`, { patientId: patient }, anna)).status).toBe(403);
    expect((await http.send('POST', `${base}/patient-extract`, { patientId: patient }, frida)).status).toBe(404);
    expect((await http.get(`${base}/flags`, frida)).status).toBe(404);
    const rows = (await app.get(DataSource).query(
      `SELECT details->>'what' AS what FROM audit_entry WHERE tenant_id = 'region-orebro' AND action = 'log-review' AND actor_name = 'David Dahl'`,
    )) as Array<{ what: string }>;
    expect(rows.map((r) => r.what)).toEqual(expect.arrayContaining(['patient-extract', 'user-accesses', 'sample-create', 'sample-note', 'sample-sign-off', 'sample-list']));
  });
});
