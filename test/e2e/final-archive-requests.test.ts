import { randomUUID } from 'node:crypto';
import { DemoSessions, LifecycleEnv, signInDemoUsers, startLifecycleApp, stopLifecycleApp, TENANT } from '../support/final-archive-fixtures';
import { uniq } from '../support/test-env';

interface RequestBody {
  id: string;
  reference: string;
  requester: { name: string };
  assessment: { outcome: string; reasoning: string; by: { name: string } } | null;
  handedOut: { recordIds: string[]; dip: string | null; by: { name: string }; at: string } | null;
  code?: string;
}

/** The register of requests (utlämnande) in the final archive, over HTTP with demo users. */
describe('requests register in the final archive', () => {
  jest.setTimeout(300_000);
  let env: LifecycleEnv;
  let as: DemoSessions;
  const requester = `Journalist ${uniq()}`;

  beforeAll(async () => {
    env = await startLifecycleApp();
    as = await signInDemoUsers(env.http);
  });

  afterAll(async () => {
    await stopLifecycleApp(env);
  });

  const send = async (path: string, body: unknown) => {
    const res = await env.http.send('POST', path, body, as.cecilia);
    return { status: res.status, body: (await res.json()) as RequestBody };
  };

  it('registers who asked for what, the secrecy assessment with its reasoning and what was handed out, all audited and searchable', async () => {
    const request = { reference: `UT-${uniq()}`, requesterName: requester, requesterContact: 'redaktion@example.se', receivedAt: '2026-11-20T09:00:00Z', subject: 'Handlingar om upphandling 2014', informationTypeId: 'registry' };
    expect((await env.http.send('POST', '/api/v1/disclosure-requests', request, as.bertil)).status).toBe(403);
    expect((await env.http.send('POST', '/api/v1/disclosure-requests', request, as.anna)).status).toBe(403);

    const first = await send('/api/v1/disclosure-requests', request);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ reference: request.reference, requester: { name: requester }, assessment: null, handedOut: null });
    expect((await send('/api/v1/disclosure-requests', request)).body.code).toBe('DISCLOSURE_REFERENCE_EXISTS');
    expect((await send(`/api/v1/disclosure-requests/${first.body.id}/hand-out`, { recordIds: [] })).body.code).toBe('DISCLOSURE_NOT_ASSESSED');
    const refused = await send(`/api/v1/disclosure-requests/${first.body.id}/assessment`, { outcome: 'refused', reasoning: 'Sekretess enligt OSL 31 kap. 16 §' });
    expect(refused.body.assessment).toMatchObject({ outcome: 'refused', by: { name: 'Cecilia Carlsson' } });
    expect((await send(`/api/v1/disclosure-requests/${first.body.id}/hand-out`, { recordIds: [] })).status).toBe(409);

    const second = await send('/api/v1/disclosure-requests', { ...request, reference: `UT-${uniq()}`, subject: 'Diarieförda beslut 2015' });
    await send(`/api/v1/disclosure-requests/${second.body.id}/assessment`, { outcome: 'released-masked', reasoning: 'Personuppgifter maskerade enligt OSL 21 kap. 7 §' });
    const recordIds = [randomUUID(), randomUUID()];
    const handed = await send(`/api/v1/disclosure-requests/${second.body.id}/hand-out`, { recordIds, dip: 'DIP 2026-0042', note: 'Skickat per post' });
    expect(handed.status).toBe(200);
    expect(handed.body.handedOut).toMatchObject({ recordIds, dip: 'DIP 2026-0042', by: { name: 'Cecilia Carlsson' } });
    expect((await send(`/api/v1/disclosure-requests/${second.body.id}/assessment`, { outcome: 'released', reasoning: 'x' })).status).toBe(409);

    const search = async (query: string) => ((await (await env.http.get(`/api/v1/disclosure-requests?${query}`, as.cecilia)).json()) as { items: RequestBody[]; total: number }).items.map((i) => i.id);
    expect((await search(`q=${encodeURIComponent(requester)}`)).sort()).toEqual([first.body.id, second.body.id].sort());
    expect(await search(`q=${encodeURIComponent(requester)}&assessment=refused`)).toEqual([first.body.id]);
    expect(await search(`q=upphandling&assessment=released-masked`)).not.toContain(first.body.id);
    expect(await search(`q=${encodeURIComponent(requester)}&assessment=pending`)).toEqual([]);
    expect(await search(`q=${encodeURIComponent(requester)}&from=2026-11-21T00:00:00Z`)).toEqual([]);
    expect((await env.http.get(`/api/v1/disclosure-requests?q=x`, as.bertil)).status).toBe(403);

    const audit = (await env.db.query(
      `SELECT details->>'step' AS step, record_ids FROM audit_entry WHERE tenant_id = $1 AND action = 'request-handled' AND details->>'requestId' = $2 ORDER BY seq`,
      [TENANT, second.body.id],
    )) as Array<{ step: string; record_ids: string[] }>;
    expect(audit.map((a) => a.step)).toEqual(['registered', 'assessed', 'handed-out']);
    expect(audit[2].record_ids).toEqual(recordIds);
  });
});
