import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../support/http-session';
import { DeliveryBody } from '../support/ingest-http';
import { deliverGenerated, filesContaining, locationDirs, objectRootIn, signInDemoUsers, startLifecycleApp, stopLifecycleApp, TENANT } from '../support/final-archive-fixtures';
import type { DemoSessions, LifecycleEnv } from '../support/final-archive-fixtures';
import { uniq, waitFor } from '../support/test-env';
import { PreservationFacade } from '../../src/preservation/preservation.facade';
import { JobQueueService, jobIdFor } from '../../src/platform/queue/job-queue.service';
import { CENTRAL_SCOPE, JobName } from '../../src/platform/queue/queue-names';

interface DisposalBody {
  id: string;
  status: string;
  kind: string;
  progress: { aips: number; destroyed: number; pending: number };
  executedBy: { id: string; name: string | null } | null;
  decisionReference: string | null;
  stopReason: string | null;
  items: Array<{ aipId: string; scope: string; records: number; recordIds: string[]; status: string }>;
  code?: string;
  details?: { aipIds?: string[] };
}

const objectIdOf = (d: DeliveryBody) => `urn:samarkiv:${TENANT}:aip:${d.aipId}`;

/** Retention, holds, disposal and journal destruction over HTTP, checked down to the files in every storage location. */
describe('disposal and journal destruction', () => {
  jest.setTimeout(600_000);
  let env: LifecycleEnv;
  let as: DemoSessions;
  let a: DeliveryBody;
  let d: DeliveryBody;
  let e: DeliveryBody;
  let journal: DeliveryBody[];
  let crashed: DeliveryBody[];
  let interrupted: DeliveryBody[];
  const retained = `Melior-${uniq()}`;
  const kept = `PMO-${uniq()}`;

  const post = async (path: string, body: unknown, s: Session) => {
    const res = await env.http.send('POST', path, body, s);
    return { status: res.status, body: (await res.json()) as DisposalBody };
  };
  const recordsOf = async (aipId: string) => (await env.db.query(`SELECT id, patient_id FROM record WHERE aip_id = $1 ORDER BY id`, [aipId])) as Array<{ id: string; patient_id: string }>;
  /** Execution runs as a job: wait until it has finished (executed or stopped). */
  const finished = async (id: string, s: Session) =>
    waitFor(async () => {
      const body = (await (await env.http.get(`/api/v1/disposals/${id}`, s)).json()) as DisposalBody;
      return body.status === 'executed' || body.status === 'stopped' ? body : undefined;
    }, 300_000);
  const rootsOf = (delivery: DeliveryBody) => locationDirs(env.storageRoot).map((loc) => objectRootIn(loc, objectIdOf(delivery)));

  beforeAll(async () => {
    env = await startLifecycleApp();
    [a] = await deliverGenerated(env, { seed: `a-${uniq()}`, records: 3, perPackage: 3, sourceSystem: retained });
    [d] = await deliverGenerated(env, { seed: `d-${uniq()}`, records: 3, perPackage: 3, sourceSystem: retained });
    [e] = await deliverGenerated(env, { seed: `e-${uniq()}`, records: 3, perPackage: 3, sourceSystem: retained });
    // A fixed seed: the same patients in both packages, each package with other patients too.
    journal = await deliverGenerated(env, { seed: 'journal-destruction', records: 16, perPackage: 8, sourceSystem: kept });
    crashed = await deliverGenerated(env, { seed: `crash-${uniq()}`, records: 4, perPackage: 2, sourceSystem: retained });
    interrupted = await deliverGenerated(env, { seed: `hold-${uniq()}`, records: 4, perPackage: 2, sourceSystem: retained });
    as = await signInDemoUsers(env.http);
  });

  afterAll(async () => {
    await stopLifecycleApp(env);
  });

  it('lists candidates by rule, refuses held ones, and after two-person approval destroys every copy, leaving a tombstone, an event and a report', async () => {
    const rule = { informationTypeId: 'patient-record', sourceSystem: retained, trigger: 'delivery-date', years: 0, description: 'Test: gallras direkt' };
    expect((await env.http.send('POST', '/api/v1/retention-rules', rule, as.bertil)).status).toBe(403);
    expect((await env.http.send('POST', '/api/v1/retention-rules', rule, as.cecilia)).status).toBe(201);
    expect((await env.http.send('POST', '/api/v1/retention-rules', rule, as.cecilia)).status).toBe(409);

    const scan = await env.http.send('POST', '/api/v1/retention-scans', {}, as.bertil);
    expect(scan.status).toBe(200);
    expect(((await scan.json()) as { candidates: number }).candidates).toBeGreaterThanOrEqual(3);
    const hold = await env.http.send('POST', '/api/v1/legal-holds', { scope: 'delivery', target: d.id, reason: 'Pågående tvist' }, as.bertil);
    expect(hold.status).toBe(201);
    const candidates = (await (await env.http.get('/api/v1/disposal-candidates', as.bertil)).json()) as Array<{ id: string; held: boolean; sourceSystem: string }>;
    const mine = candidates.filter((c) => c.sourceSystem === retained);
    expect(mine.map((c) => c.id).sort()).toEqual([a, d, e, ...crashed, ...interrupted].map((x) => x.aipId).sort());
    expect(mine.find((c) => c.id === d.aipId)!.held).toBe(true);
    expect(candidates.map((c) => c.id)).not.toContain(journal[0].aipId);

    const withHeld = await post('/api/v1/disposals', { aipIds: [a.aipId, d.aipId] }, as.bertil);
    expect(withHeld).toMatchObject({ status: 409, body: { code: 'DISPOSAL_HELD', details: { aipIds: [d.aipId] } } });
    expect((await post('/api/v1/disposals', { aipIds: [journal[0].aipId] }, as.bertil)).body.code).toBe('DISPOSAL_NOT_A_CANDIDATE');

    const proposed = await post('/api/v1/disposals', { aipIds: [a.aipId], note: 'Gallring enligt regel' }, as.bertil);
    expect(proposed.status).toBe(201);
    const id = proposed.body.id;
    expect(proposed.body.items).toEqual([expect.objectContaining({ aipId: a.aipId, scope: 'aip', records: 3, status: 'pending' })]);
    expect((await post(`/api/v1/disposals/${id}/approve`, { decisionReference: 'X' }, as.bertil)).body.code).toBe('LIFECYCLE_SELF_APPROVAL');
    expect((await post(`/api/v1/disposals/${id}/execute`, {}, as.cecilia)).status).toBe(409);

    const dry = (await (await env.http.get(`/api/v1/disposals/${id}/dry-run`, as.cecilia)).json()) as { items: Array<{ aipId: string; files: string; held: boolean }>; heldAipIds: string[]; totals: { records: number } };
    expect(dry).toMatchObject({ heldAipIds: [], totals: { records: 3 }, items: [{ aipId: a.aipId, files: 'all', held: false }] });

    const records = await recordsOf(a.aipId!);
    expect(records).toHaveLength(3);
    expect((await env.http.get(`/api/v1/records/${records[0].id}`, as.anna)).status).toBe(200);
    const roots = rootsOf(a);
    for (const r of roots) expect(r && existsSync(r)).toBeTruthy();
    // Leftovers of the delivery in staging and quarantine (an interrupted clean-up, an earlier rejection).
    const leftovers = ['staging', 'quarantine'].map((area) => join(env.storageRoot, 'tenants', TENANT, area, a.id));
    for (const dir of leftovers) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'sip.upload'), 'leftover');
    }

    expect((await post(`/api/v1/disposals/${id}/approve`, { decisionReference: 'RA 2026/17' }, as.cecilia)).body.status).toBe('approved');
    const started = await post(`/api/v1/disposals/${id}/execute`, {}, as.cecilia);
    expect(started.status).toBe(202);
    expect(started.body.status).toMatch(/^(executing|executed)$/);
    const executed = { body: await finished(id, as.cecilia) };
    expect(executed.body).toMatchObject({ status: 'executed', decisionReference: 'RA 2026/17', items: [{ status: 'destroyed' }], progress: { aips: 1, destroyed: 1, pending: 0 } });
    expect(executed.body.executedBy!.name).toBe('Cecilia Carlsson');

    // The bytes are gone from every location; so are the leftovers.
    for (const r of roots) expect(existsSync(r!)).toBe(false);
    for (const loc of locationDirs(env.storageRoot)) expect(objectRootIn(loc, objectIdOf(a))).toBeNull();
    for (const dir of leftovers) expect(existsSync(dir)).toBe(false);
    // Neither search nor direct ids find the records.
    expect(await recordsOf(a.aipId!)).toEqual([]);
    expect((await env.http.get(`/api/v1/records/${records[0].id}`, as.anna)).status).toBe(404);
    const search = (await (await env.http.send('POST', '/api/v1/search/patient-record', { criteria: { patientId: records[0].patient_id } }, as.anna)).json()) as { items: Array<{ id: string }> };
    expect(search.items.map((i) => i.id)).not.toContain(records[0].id);
    const [aipRow] = await env.db.query(`SELECT status FROM aip WHERE id = $1`, [a.aipId]);
    expect(aipRow.status).toBe('disposed');
    expect(await env.db.query(`SELECT 1 FROM preservation_object WHERE object_id = $1`, [objectIdOf(a)])).toEqual([]);

    // Tombstone, PREMIS deletion event, destruction report.
    const tombstones = (await (await env.http.get(`/api/v1/tombstones?aipId=${a.aipId}`, as.bertil)).json()) as Array<Record<string, unknown>>;
    expect(tombstones).toEqual([expect.objectContaining({ aipId: a.aipId, decisionReference: 'RA 2026/17', records: 3, scope: 'aip', locations: ['primary', 'secondary'] })]);
    const [event] = await env.db.query(`SELECT outcome, outcome_detail FROM preservation_event WHERE object_id = $1 AND event_type = 'deletion'`, [objectIdOf(a)]);
    expect(event).toMatchObject({ outcome: 'success', outcome_detail: { reason: 'gallring', decisionReference: 'RA 2026/17', wholeObject: true, locations: ['primary', 'secondary'] } });
    const csv = await (await env.http.get(`/api/v1/disposals/${id}/report.csv`, as.cecilia)).text();
    expect(csv).toContain('information type');
    expect(csv).toContain(a.aipId);
    const pdf = await env.http.get(`/api/v1/disposals/${id}/report.pdf`, as.bertil);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    // Another region's archivist finds neither the disposal nor its tombstones.
    const gustav = await env.http.login('region-uppsala', 'gustav');
    expect((await env.http.get(`/api/v1/disposals/${id}`, gustav)).status).toBe(404);
    expect(await (await env.http.get(`/api/v1/tombstones?disposalId=${id}`, gustav)).json()).toEqual([]);
    expect((await env.http.get(`/api/v1/legal-holds`, gustav)).status).toBe(200);
    expect(((await (await env.http.get(`/api/v1/legal-holds`, gustav)).json()) as Array<{ target: string }>).map((h) => h.target)).not.toContain(d.id);

    // Held records are untouched.
    for (const r of rootsOf(d)) expect(r && existsSync(r)).toBeTruthy();
    expect(await recordsOf(d.aipId!)).toHaveLength(3);

    const steps = await env.db.query(`SELECT details->>'step' AS step FROM audit_entry WHERE tenant_id = $1 AND action = 'dispose' AND details->>'disposalId' = $2 ORDER BY seq`, [TENANT, id]);
    expect(steps.map((s: { step: string }) => s.step)).toEqual(['proposed', 'self-decision-refused', 'dry-run', 'approved', 'execution-started', 'destroyed', 'executed', 'report-read', 'report-read']);
  });

  it('a hold set after the proposal stops the execution', async () => {
    // The scheduled scan (the job, run by the worker) lists the candidates again.
    await env.db.query(`DELETE FROM retention_candidate WHERE tenant_id = $1`, [TENANT]);
    await env.app.get(JobQueueService).enqueue(JobName.RetentionScan, { tenantId: CENTRAL_SCOPE }, `test-${uniq()}`);
    await waitFor(async () => (await env.db.query(`SELECT 1 FROM retention_candidate WHERE tenant_id = $1 AND aip_id = $2`, [TENANT, e.aipId])).length > 0, 60_000);
    const proposed = await post('/api/v1/disposals', { aipIds: [e.aipId] }, as.bertil);
    expect(proposed.status).toBe(201);
    expect((await post(`/api/v1/disposals/${proposed.body.id}/approve`, { decisionReference: 'RA 2026/18' }, as.cecilia)).status).toBe(200);
    const [record] = await recordsOf(e.aipId!);
    expect((await env.http.send('POST', '/api/v1/legal-holds', { scope: 'record', target: record.id, reason: 'Begäran om utlämnande' }, as.cecilia)).status).toBe(201);
    const stopped = await post(`/api/v1/disposals/${proposed.body.id}/execute`, {}, as.cecilia);
    expect(stopped.status).toBe(202);
    expect(stopped.body).toMatchObject({ status: 'stopped', items: [{ status: 'pending' }] });
    expect(stopped.body.stopReason).toContain(e.aipId);
    for (const r of rootsOf(e)) expect(r && existsSync(r)).toBeTruthy();
    expect(await recordsOf(e.aipId!)).toHaveLength(3);
    expect((await post(`/api/v1/disposals/${proposed.body.id}/execute`, {}, as.cecilia)).status).toBe(409);
  });

  it('journal destruction removes one patient from every delivery and every version, and leaves the other patients', async () => {
    const rows = (await env.db.query(`SELECT aip_id, patient_id FROM record WHERE aip_id = ANY($1::uuid[])`, [journal.map((j) => j.aipId)])) as Array<{ aip_id: string; patient_id: string }>;
    const inBoth = [...new Set(rows.map((r) => r.patient_id))].find((p) => journal.every((j) => rows.some((r) => r.aip_id === j.aipId && r.patient_id === p)));
    expect(inBoth).toBeDefined();
    const patient = inBoth!;
    const others = rows.filter((r) => r.patient_id !== patient);
    expect(others.length).toBeGreaterThan(0);
    for (const loc of locationDirs(env.storageRoot)) expect(filesContaining(loc, patient).length).toBeGreaterThan(0);

    const proposed = await post('/api/v1/journal-destructions', { patientId: patient, note: 'IVO-beslut' }, as.bertil);
    expect(proposed.status).toBe(201);
    expect(proposed.body.kind).toBe('journal');
    expect(proposed.body.items).toHaveLength(2);
    expect(proposed.body.items.map((i) => i.scope)).toEqual(['records', 'records']);
    expect(proposed.body.items.reduce((n, i) => n + i.records, 0)).toBe(rows.length - others.length);
    const id = proposed.body.id;
    expect((await post(`/api/v1/disposals/${id}/approve`, { decisionReference: 'IVO 3.1-12345/2026' }, as.cecilia)).status).toBe(200);
    // The first run dies between purging the patient out of every version and writing the records
    // file of the others back: the retry must still bring the others' records file back, and destroy nothing twice.
    const preservation = env.app.get(PreservationFacade);
    const real = preservation.addVersion.bind(preservation);
    let failed = false;
    const spy = jest.spyOn(preservation, 'addVersion').mockImplementation(async (...args) => {
      if (!failed && args[3].startsWith('Records file without')) {
        failed = true;
        throw new Error('simulated crash before the records file is written back');
      }
      return real(...args);
    });
    try {
      expect((await post(`/api/v1/disposals/${id}/execute`, {}, as.cecilia)).status).toBe(202);
      expect((await finished(id, as.cecilia)).status).toBe('executed');
    } finally {
      spy.mockRestore();
    }
    expect(failed).toBe(true);

    // Not a byte of the patient's records is left in any version of any copy.
    for (const loc of locationDirs(env.storageRoot)) expect(filesContaining(loc, patient)).toEqual([]);
    expect(await env.db.query(`SELECT 1 FROM record WHERE tenant_id = $1 AND patient_id = $2`, [TENANT, patient])).toEqual([]);
    const search = (await (await env.http.send('POST', '/api/v1/search/patient-record', { criteria: { patientId: patient } }, as.anna)).json()) as { items: unknown[] };
    expect(search.items).toEqual([]);
    // The other patients stay, readable, and the records file of the AIP still describes them.
    const [other] = await env.db.query(`SELECT id, patient_id FROM record WHERE aip_id = ANY($1::uuid[]) AND patient_id <> $2 LIMIT 1`, [journal.map((j) => j.aipId), patient]);
    expect((await env.http.get(`/api/v1/records/${other.id}`, as.anna)).status).toBe(200);
    for (const loc of locationDirs(env.storageRoot)) expect(filesContaining(loc, other.patient_id).length).toBeGreaterThan(0);
    for (const j of journal) {
      const [aipRow] = await env.db.query(`SELECT record_count, stored_version, status FROM aip WHERE id = $1`, [j.aipId]);
      const [{ n }] = await env.db.query(`SELECT count(*)::int AS n FROM record WHERE aip_id = $1`, [j.aipId]);
      expect(aipRow).toMatchObject({ record_count: n, status: 'active' });
      expect(aipRow.stored_version).not.toBe('v1');
    }
    const [disposalRow] = await env.db.query(`SELECT patient_id FROM disposal WHERE id = $1`, [id]);
    expect(disposalRow.patient_id).toBeNull();
    const tombstones = (await (await env.http.get(`/api/v1/tombstones?disposalId=${id}`, as.cecilia)).json()) as Array<{ scope: string; decisionReference: string }>;
    expect(tombstones).toHaveLength(2);
    expect(tombstones.every((t) => t.decisionReference === 'IVO 3.1-12345/2026')).toBe(true);
    const events = await env.db.query(`SELECT object_id FROM preservation_event WHERE event_type = 'deletion' AND outcome_detail->>'decisionReference' = $1`, ['IVO 3.1-12345/2026']);
    expect(events).toHaveLength(2);
  });

  it('an execution that dies after the first AIP resumes on retry: every AIP destroyed once, one report', async () => {
    expect((await env.http.send('POST', '/api/v1/retention-scans', {}, as.bertil)).status).toBe(200);
    const proposed = await post('/api/v1/disposals', { aipIds: crashed.map((c) => c.aipId) }, as.bertil);
    expect(proposed.status).toBe(201);
    const id = proposed.body.id;
    expect((await post(`/api/v1/disposals/${id}/approve`, { decisionReference: 'RA 2026/19' }, as.cecilia)).status).toBe(200);
    // The second AIP's copies are destroyed, then the worker dies before it notes that anywhere.
    const preservation = env.app.get(PreservationFacade);
    const real = preservation.destroyObject.bind(preservation);
    let calls = 0;
    const spy = jest.spyOn(preservation, 'destroyObject').mockImplementation(async (...args) => {
      const result = await real(...args);
      if (++calls === 2) throw new Error('simulated crash after the storage was destroyed');
      return result;
    });
    try {
      expect((await post(`/api/v1/disposals/${id}/execute`, {}, as.cecilia)).status).toBe(202);
      const done = await finished(id, as.cecilia);
      expect(done).toMatchObject({ status: 'executed', progress: { aips: 2, destroyed: 2, pending: 0 } });
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBeGreaterThanOrEqual(2);
    const job = await env.app.get(JobQueueService).queue(JobName.DisposalExecute).getJob(jobIdFor(JobName.DisposalExecute, TENANT, id));
    expect(job!.attemptsMade).toBeGreaterThanOrEqual(2);

    for (const c of crashed) {
      for (const loc of locationDirs(env.storageRoot)) expect(objectRootIn(loc, objectIdOf(c))).toBeNull();
      expect(await recordsOf(c.aipId!)).toEqual([]);
      const events = await env.db.query(`SELECT 1 FROM preservation_event WHERE object_id = $1 AND event_type = 'deletion'`, [objectIdOf(c)]);
      expect(events).toHaveLength(1);
    }
    const tombstones = (await (await env.http.get(`/api/v1/tombstones?disposalId=${id}`, as.cecilia)).json()) as Array<{ aipId: string; locations: string[] }>;
    expect(tombstones.map((t) => t.aipId).sort()).toEqual(crashed.map((c) => c.aipId).sort());
    for (const t of tombstones) expect(t.locations).toEqual(['primary', 'secondary']);
    const report = (await (await env.http.get(`/api/v1/disposals/${id}/report`, as.cecilia)).json()) as { totals: { aips: number }; items: Array<{ locations: string[] }> };
    expect(report.totals.aips).toBe(2);
    for (const i of report.items) expect(i.locations).toEqual(['primary', 'secondary']);
    const steps = (await env.db.query(`SELECT details->>'step' AS step, details->>'aipId' AS aip, outcome FROM audit_entry WHERE tenant_id = $1 AND action = 'dispose' AND details->>'disposalId' = $2 ORDER BY seq`, [
      TENANT,
      id,
    ])) as Array<{ step: string; aip: string | null; outcome: string }>;
    const ok = steps.filter((s) => s.outcome === 'success');
    expect(ok.filter((s) => s.step === 'destroyed').map((s) => s.aip).sort()).toEqual(crashed.map((c) => c.aipId).sort());
    expect(ok.filter((s) => s.step === 'executed')).toHaveLength(1);
  });

  it('a hold set while the execution runs stops it before the held AIP', async () => {
    expect((await env.http.send('POST', '/api/v1/retention-scans', {}, as.bertil)).status).toBe(200);
    const proposed = await post('/api/v1/disposals', { aipIds: interrupted.map((c) => c.aipId) }, as.bertil);
    expect(proposed.status).toBe(201);
    const id = proposed.body.id;
    expect((await post(`/api/v1/disposals/${id}/approve`, { decisionReference: 'RA 2026/20' }, as.cecilia)).status).toBe(200);
    // While the first AIP is being destroyed, the authority puts the other one under a hold.
    const preservation = env.app.get(PreservationFacade);
    const real = preservation.destroyObject.bind(preservation);
    let heldAip: string | undefined;
    const spy = jest.spyOn(preservation, 'destroyObject').mockImplementation(async (ctx, objectId, order) => {
      if (!heldAip) {
        heldAip = interrupted.find((c) => objectIdOf(c) !== objectId)!.aipId!;
        expect((await env.http.send('POST', '/api/v1/legal-holds', { scope: 'aip', target: heldAip, reason: 'Tillsynsärende' }, as.cecilia)).status).toBe(201);
      }
      return real(ctx, objectId, order);
    });
    let done: DisposalBody;
    try {
      expect((await post(`/api/v1/disposals/${id}/execute`, {}, as.cecilia)).status).toBe(202);
      done = await finished(id, as.cecilia);
    } finally {
      spy.mockRestore();
    }
    expect(done).toMatchObject({ status: 'stopped', progress: { aips: 2, destroyed: 1, pending: 1 } });
    expect(done.stopReason).toContain(heldAip);
    expect(done.items.find((i) => i.aipId === heldAip)!.status).toBe('pending');
    const held = interrupted.find((c) => c.aipId === heldAip)!;
    const gone = interrupted.find((c) => c.aipId !== heldAip)!;
    for (const r of rootsOf(held)) expect(r && existsSync(r)).toBeTruthy();
    expect(await recordsOf(held.aipId!)).toHaveLength(2);
    for (const loc of locationDirs(env.storageRoot)) expect(objectRootIn(loc, objectIdOf(gone))).toBeNull();
    expect(await env.db.query(`SELECT 1 FROM preservation_event WHERE object_id = $1 AND event_type = 'deletion'`, [objectIdOf(held)])).toEqual([]);
    expect((await post(`/api/v1/disposals/${id}/execute`, {}, as.cecilia)).status).toBe(409);
    // What was destroyed before the stop is reported: that AIP only, saying the execution stopped.
    const report = (await (await env.http.get(`/api/v1/disposals/${id}/report`, as.cecilia)).json()) as { items: Array<{ aipId: string }>; stopped?: { notDestroyed: number } };
    expect(report.items.map((i) => i.aipId)).toEqual([gone.aipId]);
    expect(report.stopped).toMatchObject({ notDestroyed: 1 });
    const pdf = await env.http.get(`/api/v1/disposals/${id}/report.pdf`, as.cecilia);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
  });
});
