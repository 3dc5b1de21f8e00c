import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../support/http-session';
import { DeliveryBody } from '../support/ingest-http';
import { deliverGenerated, fileDigests, locationDirs, objectRootIn, signInDemoUsers, startLifecycleApp, stopLifecycleApp, TENANT } from '../support/final-archive-fixtures';
import type { DemoSessions, LifecycleEnv } from '../support/final-archive-fixtures';
import { uniq, waitFor } from '../support/test-env';
import { PreservationFacade } from '../../src/preservation/preservation.facade';
import { JobQueueService, jobIdFor } from '../../src/platform/queue/job-queue.service';
import { JobName } from '../../src/platform/queue/queue-names';
import { LifecycleResumeService } from '../../src/final-archive/application/lifecycle-resume.service';

interface TransferBody {
  id: string;
  status: string;
  summary: { aips: number; records: number; bytes: number; firstDate: string | null; lastDate: string | null; heldRecords: number; informationTypes: string[]; sourceSystems: string[] };
  items: Array<{ aipId: string; objectId: string; records: number; bytes: number }>;
  proposedBy: { id: string };
  decidedBy: { id: string } | null;
  code?: string;
}

/** Transfer of custody over HTTP with demo users and real deliveries through the ingest pipeline. */
describe('transfer to the final archive', () => {
  jest.setTimeout(600_000);
  let env: LifecycleEnv;
  let as: DemoSessions;
  let transferred: DeliveryBody[];
  let staying: DeliveryBody[];
  let interrupted: DeliveryBody[];
  let orphaned: DeliveryBody[];
  const source = `TakeCare-${uniq()}`;
  const other = `Cosmic-${uniq()}`;
  const third = `Obstetrix-${uniq()}`;
  const fourth = `Heroma-${uniq()}`;

  const recordOf = async (aipId: string) => ((await env.db.query(`SELECT id, patient_id FROM record WHERE aip_id = $1 ORDER BY id LIMIT 1`, [aipId])) as Array<{ id: string; patient_id: string }>)[0];
  /** Acceptance completes in a job: wait until the transfer is accepted. */
  const accepted = async (id: string, s: Session) =>
    waitFor(async () => {
      const body = (await (await env.http.get(`/api/v1/transfers/${id}`, s)).json()) as TransferBody;
      return body.status === 'accepted' ? body : undefined;
    }, 300_000);
  const digestsOf = (deliveries: DeliveryBody[]) =>
    new Map(deliveries.flatMap((d) => locationDirs(env.storageRoot).map((loc) => [`${loc}|${d.aipId}`, fileDigests(objectRootIn(loc, `urn:samarkiv:${TENANT}:aip:${d.aipId}`)!)] as const)));
  /**
   * Nothing moved or changed: every file of every copy byte for byte, except the root inventory;
   * the only new files are v2, whose descriptor records the custody (a rebuild from storage keeps it).
   */
  const expectOnlyCustodyAdded = (deliveries: DeliveryBody[], before: Map<string, Record<string, string>>) => {
    for (const d of deliveries) {
        for (const loc of locationDirs(env.storageRoot)) {
          const root = objectRootIn(loc, `urn:samarkiv:${TENANT}:aip:${d.aipId}`)!;
          const after = fileDigests(root);
          const earlier = before.get(`${loc}|${d.aipId}`)!;
          const rootInventory = (p: string) => /^inventory\.json(\.sha512)?$/.test(p);
          for (const [path, digest] of Object.entries(earlier)) if (!rootInventory(path)) expect([path, after[path]]).toEqual([path, digest]);
          const added = Object.keys(after).filter((p) => !(p in earlier));
          expect(added.length).toBeGreaterThan(0);
          expect(added.every((p) => p.startsWith('v2/'))).toBe(true);
          const descriptor = added.find((p) => p.endsWith('samarkiv-aip.json'))!;
          expect(JSON.parse(readFileSync(join(root, descriptor), 'utf8'))).toMatchObject({ aipId: d.aipId, tier: 'final' });
        }
    }
  };
  const searchPatient = async (s: Session, patientId: string) => {
    const res = await env.http.send('POST', '/api/v1/search/patient-record', { criteria: { patientId } }, s);
    return { status: res.status, items: res.status === 200 ? ((await res.json()) as { items: Array<{ id: string }> }).items : [] };
  };

  beforeAll(async () => {
    env = await startLifecycleApp();
    transferred = await deliverGenerated(env, { seed: `transfer-${uniq()}`, records: 8, perPackage: 4, sourceSystem: source });
    staying = await deliverGenerated(env, { seed: `stay-${uniq()}`, records: 3, perPackage: 3, sourceSystem: other });
    interrupted = await deliverGenerated(env, { seed: `interrupted-${uniq()}`, records: 6, perPackage: 2, sourceSystem: third });
    orphaned = await deliverGenerated(env, { seed: `orphaned-${uniq()}`, records: 2, perPackage: 2, sourceSystem: fourth });
    as = await signInDemoUsers(env.http);
  });

  afterAll(async () => {
    await stopLifecycleApp(env);
  });

  it('proposal by the region archivist lists what the selection holds; the proposer cannot accept; the authority accepts; custody and access move, content does not', async () => {
    const aipIds = transferred.map((d) => d.aipId!);
    const [{ n: records }] = await env.db.query(`SELECT count(*)::int AS n FROM record WHERE aip_id = ANY($1::uuid[])`, [aipIds]);
    const [{ b: bytes }] = await env.db.query(`SELECT sum(total_bytes)::bigint AS b FROM aip WHERE id = ANY($1::uuid[])`, [aipIds]);
    const sample = await recordOf(aipIds[0]);
    const stayingRecord = await recordOf(staying[0].aipId!);

    // Before: the business (as.anna, intermediate reader) reads; the authority (final tier only) does not.
    expect((await searchPatient(as.anna, sample.patient_id)).items.map((i) => i.id)).toContain(sample.id);
    expect((await env.http.get(`/api/v1/records/${sample.id}`, as.anna)).status).toBe(200);
    expect((await env.http.get(`/api/v1/records/${sample.id}`, as.cecilia)).status).toBe(404);

    // Checksums of every file of every copy, before.
    const before = digestsOf(transferred);
    for (const digests of before.values()) expect(Object.keys(digests).length).toBeGreaterThan(3);

    // The authority archivist cannot propose; a reader cannot either.
    expect((await env.http.send('POST', '/api/v1/transfers', { sourceSystem: source }, as.cecilia)).status).toBe(403);
    expect((await env.http.send('POST', '/api/v1/transfers', { sourceSystem: source }, as.anna)).status).toBe(403);

    const proposed = await env.http.send('POST', '/api/v1/transfers', { informationTypeId: 'patient-record', sourceSystem: source, note: 'System avvecklat 2025' }, as.bertil);
    expect(proposed.status).toBe(201);
    const t = (await proposed.json()) as TransferBody;
    expect(t.status).toBe('proposed');
    expect(t.summary).toMatchObject({ aips: 2, records, bytes: Number(bytes), heldRecords: 0, informationTypes: ['patient-record'], sourceSystems: [source] });
    expect(t.summary.firstDate! <= t.summary.lastDate!).toBe(true);
    expect(new Set(t.items.map((i) => i.aipId))).toEqual(new Set(aipIds));

    // An empty selection is refused; the same AIPs are not proposed twice.
    expect((await env.http.send('POST', '/api/v1/transfers', { sourceSystem: `none-${uniq()}` }, as.bertil)).status).toBe(400);
    expect(((await (await env.http.send('POST', '/api/v1/transfers', { sourceSystem: source }, as.bertil)).json()) as TransferBody).code).toBe('LIFECYCLE_EMPTY_SELECTION');

    // Two people: the proposer cannot decide.
    const self = await env.http.send('POST', `/api/v1/transfers/${t.id}/accept`, {}, as.bertil);
    expect(self.status).toBe(403);
    expect(((await self.json()) as { code: string }).code).toBe('LIFECYCLE_SELF_APPROVAL');

    const accepting = await env.http.send('POST', `/api/v1/transfers/${t.id}/accept`, { note: 'Mottaget' }, as.cecilia);
    expect(accepting.status).toBe(202);
    expect(((await accepting.json()) as TransferBody).status).toMatch(/^(accepting|accepted)$/);
    const a = await accepted(t.id, as.cecilia);
    expect(a.decidedBy!.id).not.toBe(a.proposedBy.id);
    expect((await env.http.send('POST', `/api/v1/transfers/${t.id}/accept`, {}, as.cecilia)).status).toBe(409);

    // After: the business no longer reaches the records, the authority does.
    expect((await searchPatient(as.anna, sample.patient_id)).items.map((i) => i.id)).not.toContain(sample.id);
    expect((await env.http.get(`/api/v1/records/${sample.id}`, as.anna)).status).toBe(404);
    expect((await env.http.get(`/api/v1/records/${sample.id}`, as.bertil)).status).toBe(404);
    expect((await env.http.get(`/api/v1/records/${sample.id}`, as.cecilia)).status).toBe(200);
    expect((await searchPatient(as.cecilia, sample.patient_id)).items.map((i) => i.id)).toContain(sample.id);
    expect((await env.http.get(`/api/v1/aips/${aipIds[0]}`, as.bertil)).status).toBe(404);
    const listed = async (s: Session) => ((await (await env.http.get(`/api/v1/aips?informationTypeId=patient-record&limit=500`, s)).json()) as { items: Array<{ id: string }> }).items.map((i) => i.id);
    expect(await listed(as.bertil)).not.toContain(aipIds[0]);
    expect(await listed(as.bertil)).toContain(staying[0].aipId);
    expect(await listed(as.cecilia)).toEqual(expect.arrayContaining(aipIds));
    const aip = await env.http.get(`/api/v1/aips/${aipIds[0]}`, as.cecilia);
    expect(aip.status).toBe(200);
    expect(((await aip.json()) as { tier: string }).tier).toBe('final');
    // What was not selected stays with the business.
    expect((await env.http.get(`/api/v1/records/${stayingRecord.id}`, as.anna)).status).toBe(200);

    expectOnlyCustodyAdded(transferred, before);
    const receiptRes = await env.http.get(`/api/v1/transfers/${t.id}/receipt`, as.cecilia);
    expect(receiptRes.status).toBe(200);
    const receipt = (await receiptRes.json()) as {
      unchanged: boolean;
      digest: string;
      aips: Array<{ aipId: string; copies: Array<{ location: string; headBefore: string; headAfter: string; inventoryDigestBefore: string; inventoryDigestAfter: string; intact: boolean }> }>;
    };
    expect(receipt.unchanged).toBe(true);
    expect(receipt.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt.aips).toHaveLength(2);
    for (const r of receipt.aips) {
      expect(r.copies.map((c) => c.location).sort()).toEqual(['primary', 'secondary']);
      for (const c of r.copies) expect(c).toMatchObject({ intact: true, headBefore: 'v1', headAfter: 'v2', inventoryDigestBefore: c.inventoryDigestAfter });
    }
    // Another region's archivist gets "not found" for this region's transfer, never "forbidden".
    const gustav = await env.http.login('region-uppsala', 'gustav');
    expect((await env.http.get(`/api/v1/transfers/${t.id}`, gustav)).status).toBe(404);
    expect((await env.http.get(`/api/v1/transfers/${t.id}/receipt`, gustav)).status).toBe(404);
    expect(((await (await env.http.get('/api/v1/transfers', gustav)).json()) as TransferBody[]).map((x) => x.id)).not.toContain(t.id);
    // The proposer sees the outcome too.
    expect((await env.http.get(`/api/v1/transfers/${t.id}/receipt`, as.bertil)).status).toBe(200);

    // PREMIS transfer event on every AIP; audit entries for every step.
    const events = await env.db.query(`SELECT object_id, agent_name, outcome_detail FROM preservation_event WHERE tenant_id = $1 AND event_type = 'transfer' AND object_id = ANY($2::text[])`, [
      TENANT,
      transferred.map((d) => `urn:samarkiv:${TENANT}:aip:${d.aipId}`),
    ]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ agent_name: 'Cecilia Carlsson', outcome_detail: { transferId: t.id, toTier: 'final' } });
    const steps = await env.db.query(`SELECT details->>'step' AS step, outcome, actor_id FROM audit_entry WHERE tenant_id = $1 AND action = 'transfer' AND details->>'transferId' = $2 ORDER BY seq`, [TENANT, t.id]);
    expect(steps.map((s: { step: string }) => s.step)).toEqual(['proposed', 'self-decision-refused', 'accepted', 'receipt-read', 'receipt-read']);
    expect(steps[1].outcome).toBe('refused');
  });

  it('a refused transfer changes nothing', async () => {
    const proposed = (await (await env.http.send('POST', '/api/v1/transfers', { sourceSystem: other, deliveryIds: [staying[0].id] }, as.bertil)).json()) as TransferBody;
    expect(proposed.summary.aips).toBe(1);
    const refused = await env.http.send('POST', `/api/v1/transfers/${proposed.id}/refuse`, { note: 'Ofullständig' }, as.cecilia);
    expect(refused.status).toBe(200);
    expect(((await refused.json()) as TransferBody).status).toBe('refused');
    const [row] = await env.db.query(`SELECT tier FROM aip WHERE id = $1`, [staying[0].aipId]);
    expect(row.tier).toBe('intermediate');
    const list = (await (await env.http.get('/api/v1/transfers?status=refused', as.bertil)).json()) as TransferBody[];
    expect(list.map((x) => x.id)).toContain(proposed.id);
  });

  it('an acceptance interrupted after some AIPs completes on retry, exactly once, and still proves nothing moved', async () => {
    const before = digestsOf(interrupted);
    const t = (await (await env.http.send('POST', '/api/v1/transfers', { sourceSystem: third }, as.bertil)).json()) as TransferBody;
    expect(t.summary.aips).toBe(3);
    // The worker dies right after the second AIP's transfer event, before it notes it anywhere.
    const preservation = env.app.get(PreservationFacade);
    const real = preservation.recordEvent.bind(preservation);
    let transferEvents = 0;
    const spy = jest.spyOn(preservation, 'recordEvent').mockImplementation(async (ctx, objectId, event) => {
      await real(ctx, objectId, event);
      if (event.type === 'transfer' && ++transferEvents === 2) throw new Error('simulated crash after the second transfer event');
    });
    try {
      expect((await env.http.send('POST', `/api/v1/transfers/${t.id}/accept`, {}, as.cecilia)).status).toBe(202);
      await accepted(t.id, as.cecilia);
    } finally {
      spy.mockRestore();
    }
    const job = await env.app.get(JobQueueService).queue(JobName.TransferAccept).getJob(jobIdFor(JobName.TransferAccept, TENANT, t.id));
    expect(job!.attemptsMade).toBeGreaterThanOrEqual(2);
    // One transfer event per AIP, one receipt covering all of them, and the copies unchanged.
    const events = (await env.db.query(`SELECT object_id FROM preservation_event WHERE tenant_id = $1 AND event_type = 'transfer' AND outcome_detail->>'transferId' = $2`, [TENANT, t.id])) as Array<{
      object_id: string;
    }>;
    expect(events.map((e) => e.object_id).sort()).toEqual(interrupted.map((d) => `urn:samarkiv:${TENANT}:aip:${d.aipId}`).sort());
    const receipt = (await (await env.http.get(`/api/v1/transfers/${t.id}/receipt`, as.cecilia)).json()) as { unchanged: boolean; aips: Array<{ aipId: string; copies: Array<{ headBefore: string; intact: boolean }> }> };
    expect(receipt.unchanged).toBe(true);
    expect(receipt.aips.map((a) => a.aipId).sort()).toEqual(interrupted.map((d) => d.aipId).sort());
    for (const a of receipt.aips) for (const c of a.copies) expect(c).toMatchObject({ headBefore: 'v1', intact: true });
    expect(((await (await env.http.get(`/api/v1/transfers/${t.id}`, as.cecilia)).json()) as { progress: unknown }).progress).toEqual({ aips: 3, verifiedBefore: 3, transferEvents: 3, verifiedAfter: 3 });
    expectOnlyCustodyAdded(interrupted, before);
    const [{ n }] = await env.db.query(`SELECT count(*)::int AS n FROM aip WHERE id = ANY($1::uuid[]) AND tier = 'final'`, [interrupted.map((d) => d.aipId)]);
    expect(n).toBe(3);
    // Done is done: accepting again is a conflict, not a second run.
    expect((await env.http.send('POST', `/api/v1/transfers/${t.id}/accept`, {}, as.cecilia)).status).toBe(409);
  });

  it('an acceptance whose request died between its decision and its job is finished when a worker starts', async () => {
    const t = (await (await env.http.send('POST', '/api/v1/transfers', { sourceSystem: fourth }, as.bertil)).json()) as TransferBody;
    // The decision committed, then the process died: no job exists for it.
    const [decider] = await env.db.query(`SELECT decided_by, decided_by_name FROM transfer WHERE tenant_id = $1 AND decided_by_name = 'Cecilia Carlsson' LIMIT 1`, [TENANT]);
    await env.db.query(`UPDATE transfer SET status = 'accepting', decided_by = $3, decided_by_name = $4, decided_at = now() WHERE tenant_id = $1 AND id = $2`, [TENANT, t.id, decider.decided_by, decider.decided_by_name]);
    expect(await env.app.get(JobQueueService).queue(JobName.TransferAccept).getJob(jobIdFor(JobName.TransferAccept, TENANT, t.id))).toBeUndefined();
    expect(await env.app.get(LifecycleResumeService).resume()).toBeGreaterThanOrEqual(1);
    const done = await accepted(t.id, as.cecilia);
    expect(done.decidedBy!.id).toBe(decider.decided_by);
    const receipt = (await (await env.http.get(`/api/v1/transfers/${t.id}/receipt`, as.cecilia)).json()) as { unchanged: boolean; acceptedBy: { name: string } };
    expect(receipt).toMatchObject({ unchanged: true, acceptedBy: { name: 'Cecilia Carlsson' } });
    const events = await env.db.query(`SELECT agent_name FROM preservation_event WHERE tenant_id = $1 AND event_type = 'transfer' AND outcome_detail->>'transferId' = $2`, [TENANT, t.id]);
    expect(events).toEqual([{ agent_name: 'Cecilia Carlsson' }]);
    expect((await env.http.get(`/api/v1/aips/${orphaned[0].aipId}`, as.cecilia)).status).toBe(200);
  });
});
