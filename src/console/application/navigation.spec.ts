import { RequestContext, Role, Tier } from '../../platform/context';
import { sectionsFor } from './navigation';

const person = (tenantId: string | null, grants: Array<{ role: Role; informationTypeId?: string; tier?: Tier }>) =>
  new RequestContext('c', { kind: 'user', id: 'u', tenantId, grants: grants.map((g) => ({ role: g.role, tenantId, informationTypeId: g.informationTypeId ?? null, tier: g.tier ?? null })) });

describe('console navigation', () => {
  it('shows each part only to those whose grants allow its action', () => {
    expect(sectionsFor(person('region-a', [{ role: Role.TenantAdmin }])).map((s) => s.id)).toEqual(['admin']);
    expect(sectionsFor(person('region-a', [{ role: Role.LogReviewer, informationTypeId: 'patient-record' }])).map((s) => s.id)).toEqual(['review']);
    expect(sectionsFor(person(null, [{ role: Role.Operator }])).map((s) => s.id)).toEqual(['operator']);
    const reader = person('region-a', [{ role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate }]);
    // The search part lists the types the search module says this person may search, and only when there is one.
    expect(sectionsFor(reader)).toEqual([]);
    const search = sectionsFor(reader, [{ id: 'patient-record', labels: { sv: 'Vårdinformation', en: 'Patient record' } }]);
    expect(search.map((s) => s.id)).toEqual(['search']);
    expect(search[0].items).toEqual([{ path: '/search/patient-record', label: { sv: 'Vårdinformation', en: 'Patient record' } }]);
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
