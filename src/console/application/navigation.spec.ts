import { RequestContext, Role, Tier } from '../../platform/context';
import { sectionsFor } from './navigation';

const person = (tenantId: string | null, grants: Array<{ role: Role; informationTypeId?: string; tier?: Tier }>) =>
  new RequestContext('c', { kind: 'user', id: 'u', tenantId, grants: grants.map((g) => ({ role: g.role, tenantId, informationTypeId: g.informationTypeId ?? null, tier: g.tier ?? null })) });

describe('console navigation', () => {
  it('shows each part only to those whose grants allow its action', () => {
    expect(sectionsFor(person('region-a', [{ role: Role.TenantAdmin }])).map((s) => s.id)).toEqual(['admin']);
    expect(sectionsFor(person('region-a', [{ role: Role.LogReviewer, informationTypeId: 'patient-record' }])).map((s) => s.id)).toEqual(['review']);
    expect(sectionsFor(person(null, [{ role: Role.Operator }])).map((s) => s.id)).toEqual(['operator']);
    expect(sectionsFor(person('region-a', [{ role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate }]))).toEqual([]);
    expect(sectionsFor(RequestContext.anonymous())).toEqual([]);
  });
});
