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

  it('gives the archivist and the authority archivist their parts, with proposing only for the archivist', () => {
    const archivist = sectionsFor(person('region-a', [{ role: Role.Archivist, informationTypeId: 'patient-record', tier: Tier.Intermediate }]));
    expect(archivist.map((s) => s.id)).toEqual(['deliveries', 'transfers', 'disposal']);
    expect(archivist.find((s) => s.id === 'transfers')!.items.map((i) => i.path)).toEqual(['/transfers', '/propose-transfer']);
    const authority = sectionsFor(person('region-a', [{ role: Role.AuthorityArchivist, informationTypeId: 'patient-record', tier: Tier.Final }]));
    expect(authority.map((s) => s.id)).toEqual(['deliveries', 'transfers', 'disposal', 'requests']);
    expect(authority.find((s) => s.id === 'transfers')!.items.map((i) => i.path)).toEqual(['/transfers']);
  });
});
