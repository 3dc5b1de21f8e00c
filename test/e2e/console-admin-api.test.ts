import { INestApplication } from '@nestjs/common';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { Session, TestHttp } from '../support/http-session';
import { ownerDataSource } from '../support/owner-data-source';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment } from '../support/test-env';

interface GrantRow {
  id: string;
  role: string;
  userId: string | null;
  groupId: string | null;
  informationTypeId: string | null;
}

/** The REST endpoints behind the console's group, grant and information-type pages. */
describe('groups, grants and information types over HTTP', () => {
  let app: INestApplication;
  let http: TestHttp;
  let eva: Session;
  let gustav: Session;
  let olle: Session;
  const base = '/api/v1/tenants/region-orebro';

  beforeAll(async () => {
    useTestEnvironment({ DEMO_MODE: 'true' });
    let url: string;
    ({ app, url } = await startTestApp(ProcessRole.Api));
    await app.get(TenancyFacade).seedDemo(RequestContext.system('test'));
    http = new TestHttp(url);
    [eva, gustav, olle] = await Promise.all([http.login('region-orebro', 'eva'), http.login('region-uppsala', 'gustav'), http.login(null, 'olle')]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('creates a group with an external name, grants it, lists and revokes the grant', async () => {
    const created = await http.send('POST', `${base}/groups`, { name: 'Diarielasare', externalName: 'samarkiv-registry' }, eva);
    expect(created.status).toBe(201);
    const group = (await created.json()) as { id: string; externalName: string; grants: unknown[] };
    expect(group).toMatchObject({ externalName: 'samarkiv-registry', grants: [] });

    // Saving the same name again changes the external name, not a second group.
    const renamed = (await (await http.send('POST', `${base}/groups`, { name: 'Diarielasare', externalName: 'samarkiv-diarium' }, eva)).json()) as { id: string };
    expect(renamed.id).toBe(group.id);

    const granted = await http.send('POST', `${base}/grants`, { groupId: group.id, role: 'reader', informationTypeId: 'registry', tier: 'intermediate' }, eva);
    expect(granted.status).toBe(201);
    const groups = (await (await http.get(`${base}/groups`, eva)).json()) as Array<{ id: string; externalName: string; grants: GrantRow[] }>;
    const mine = groups.find((g) => g.id === group.id)!;
    expect(mine.externalName).toBe('samarkiv-diarium');
    expect(mine.grants).toEqual([expect.objectContaining({ role: 'reader', informationTypeId: 'registry', groupId: group.id, userId: null })]);

    const grants = (await (await http.get(`${base}/grants`, eva)).json()) as GrantRow[];
    const grant = grants.find((g) => g.groupId === group.id)!;
    expect((await http.send('DELETE', `${base}/grants/${grant.id}`, undefined, eva)).status).toBe(204);
    expect((await http.send('DELETE', `${base}/grants/${grant.id}`, undefined, eva)).status).toBe(404);
    expect((await http.send('DELETE', `${base}/grants/not-a-uuid`, undefined, eva)).status).toBe(404);

    // Every change of who may see what is in the region's access log, with ids, not names of people.
    const db = await ownerDataSource();
    try {
      // Other test files share the database: only this test's group and its grant.
      const rows = (await db.query(
        `SELECT outcome, details FROM audit_entry WHERE tenant_id = 'region-orebro' AND action = 'grant-change' AND (details->>'groupId' = $1 OR details->>'name' = 'Diarielasare') ORDER BY seq`,
        [group.id],
      )) as Array<{ outcome: string; details: Record<string, unknown> }>;
      expect(rows.map((r) => [r.details.what, r.outcome])).toEqual([
        ['group', 'success'],
        ['group', 'success'],
        ['grant', 'success'],
        ['revoke', 'success'],
      ]);
      expect(rows[2].details).toMatchObject({ role: 'reader', informationTypeId: 'registry', groupId: group.id });
    } finally {
      await db.destroy();
    }
  });

  it("keeps other regions' administrators and non-administrators out", async () => {
    expect((await http.get(`${base}/groups`, gustav)).status).toBe(404);
    expect((await http.get(`${base}/grants`, gustav)).status).toBe(404);
    const grants = (await (await http.get(`${base}/grants`, eva)).json()) as GrantRow[];
    expect((await http.send('DELETE', `${base}/grants/${grants[0].id}`, undefined, gustav)).status).toBe(404);
    const anna = await http.login('region-orebro', 'anna');
    expect((await http.get(`${base}/groups`, anna)).status).toBe(403);
    expect((await http.send('POST', `${base}/groups`, { name: 'x' }, anna)).status).toBe(403);
  });

  it('lets only operators switch information types of a region', async () => {
    const off = await http.send('PUT', `${base}/information-types/finance`, { enabled: false }, olle);
    expect(off.status).toBe(200);
    expect(((await off.json()) as { informationTypes: string[] }).informationTypes).not.toContain('finance');
    const on = (await (await http.send('PUT', `${base}/information-types/finance`, { enabled: true }, olle)).json()) as { informationTypes: string[] };
    expect(on.informationTypes).toContain('finance');
    expect((await http.send('PUT', `${base}/information-types/finance`, { enabled: false }, eva)).status).toBe(403);
    expect((await http.send('PUT', `${base}/information-types/no-such-type`, { enabled: true }, olle)).status).toBe(400);
  });
});
