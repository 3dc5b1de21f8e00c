import { createHash } from 'node:crypto';
import { deliverGenerated, signInDemoUsers, startLifecycleApp, stopLifecycleApp, TENANT } from '../support/final-archive-fixtures';
import type { DemoSessions, LifecycleEnv } from '../support/final-archive-fixtures';
import { uniq, waitFor } from '../support/test-env';

interface RequestBody {
  id: string;
  handedOut: {
    recordIds: string[];
    dip: string | null;
    dipManifest?: { dipId: string; zip: { fileName: string; bytes: number; sha256: string }; files: Array<{ path: string; sha256: string }> };
  } | null;
  code?: string;
}

/** A request in the final archive answered with a DIP: the ZIP streams out, the register keeps its manifest. */
describe('requests register: hand-out as a DIP', () => {
  jest.setTimeout(600_000);
  let env: LifecycleEnv;
  let as: DemoSessions;
  let recordIds: string[];
  const source = `Melior-${uniq()}`;

  beforeAll(async () => {
    env = await startLifecycleApp();
    const [delivery] = await deliverGenerated(env, { seed: `disclosure-${uniq()}`, records: 3, perPackage: 3, sourceSystem: source });
    as = await signInDemoUsers(env.http);
    // Into the final archive, where requests are answered.
    const proposed = (await (await env.http.send('POST', '/api/v1/transfers', { sourceSystem: source }, as.bertil)).json()) as { id: string };
    expect((await env.http.send('POST', `/api/v1/transfers/${proposed.id}/accept`, {}, as.cecilia)).status).toBe(202);
    await waitFor(async () => ((await (await env.http.get(`/api/v1/transfers/${proposed.id}`, as.cecilia)).json()) as { status: string }).status === 'accepted', 300_000);
    recordIds = ((await env.db.query(`SELECT id FROM record WHERE aip_id = $1 ORDER BY id LIMIT 2`, [delivery.aipId])) as Array<{ id: string }>).map((r) => r.id);
  });

  afterAll(async () => {
    await stopLifecycleApp(env);
  });

  const register = async (outcome: 'released' | 'released-masked') => {
    const reg = await env.http.send('POST', '/api/v1/disclosure-requests', { reference: `UT-${uniq()}`, requesterName: 'Patientens ombud', receivedAt: '2026-11-24T10:00:00Z', subject: 'Journalkopior 2015', informationTypeId: 'patient-record' }, as.cecilia);
    expect(reg.status).toBe(201);
    const { id } = (await reg.json()) as RequestBody;
    expect((await env.http.send('POST', `/api/v1/disclosure-requests/${id}/assessment`, { outcome, reasoning: 'Ingen sekretess mot den enskilde själv' }, as.cecilia)).status).toBe(200);
    return id;
  };

  it('streams the DIP, records its manifest in the register, logs the export against the request, and answers only once', async () => {
    const id = await register('released');
    const res = await env.http.send('POST', `/api/v1/disclosure-requests/${id}/dip`, { recordIds, note: 'Skickad med säker e-post' }, as.cecilia);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/zip');
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe('PK');

    const after = (await (await env.http.get(`/api/v1/disclosure-requests/${id}`, as.cecilia)).json()) as RequestBody;
    expect(after.handedOut?.recordIds).toEqual(recordIds);
    expect(after.handedOut?.dip).toBe(after.handedOut?.dipManifest?.dipId);
    // The register proves what left: the ZIP's checksum and size as sent.
    expect(after.handedOut?.dipManifest?.zip).toMatchObject({ bytes: zip.length, sha256: createHash('sha256').update(zip).digest('hex') });
    expect(after.handedOut?.dipManifest?.files.some((f) => f.path.endsWith('METS.xml'))).toBe(true);

    const exports = (await env.db.query(`SELECT outcome, record_ids, details FROM audit_entry WHERE tenant_id = $1 AND action = 'export' AND details->>'disclosureRequestId' = $2`, [TENANT, id])) as Array<{
      outcome: string;
      record_ids: string[];
    }>;
    expect(exports.length).toBeGreaterThan(0);
    expect(exports.every((e) => e.outcome === 'success')).toBe(true);
    expect(exports.flatMap((e) => e.record_ids).sort()).toEqual([...recordIds].sort());

    const again = await env.http.send('POST', `/api/v1/disclosure-requests/${id}/dip`, { recordIds }, as.cecilia);
    expect(again.status).toBe(409);
    expect(((await again.json()) as RequestBody).code).toBe('DISCLOSURE_ALREADY_HANDED_OUT');
  });

  it('a masked release is not exported whole; the business cannot answer requests; bad input is refused', async () => {
    const masked = await register('released-masked');
    const res = await env.http.send('POST', `/api/v1/disclosure-requests/${masked}/dip`, { recordIds }, as.cecilia);
    expect(res.status).toBe(409);
    expect(((await res.json()) as RequestBody).code).toBe('DISCLOSURE_MASKED_NEEDS_MANUAL_COPY');
    expect(((await (await env.http.get(`/api/v1/disclosure-requests/${masked}`, as.cecilia)).json()) as RequestBody).handedOut).toBeNull();

    const id = await register('released');
    expect((await env.http.send('POST', `/api/v1/disclosure-requests/${id}/dip`, { recordIds }, as.anna)).status).toBe(403);
    expect((await env.http.send('POST', `/api/v1/disclosure-requests/${id}/dip`, { recordIds: [] }, as.cecilia)).status).toBe(400);
    expect((await env.http.send('POST', `/api/v1/disclosure-requests/${id}/dip`, { recordIds: ['not-a-uuid'] }, as.cecilia)).status).toBe(400);
    // Records the authority does not hold (here: unknown ids) name nothing and record nothing.
    const unknown = await env.http.send('POST', `/api/v1/disclosure-requests/${id}/dip`, { recordIds: ['00000000-0000-4000-8000-000000000000'] }, as.cecilia);
    expect(unknown.status).toBe(404);
    expect(((await (await env.http.get(`/api/v1/disclosure-requests/${id}`, as.cecilia)).json()) as RequestBody).handedOut).toBeNull();
  });
});
