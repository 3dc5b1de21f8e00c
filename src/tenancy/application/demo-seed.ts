import { Role, Tier } from '../../platform/context/access';

/** Demo data: two regions, a handful of people with different grants. Listed in the README. */
export const DEMO_TENANTS = [
  { id: 'region-orebro', name: 'Region Örebro län', organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet, Region Örebro län' },
  { id: 'region-uppsala', name: 'Region Uppsala', organisationNumber: '232100-0024', archiveAuthorityName: 'Regionarkivet, Region Uppsala' },
] as const;

export interface DemoGrant {
  role: Role;
  informationTypeId?: string;
  tier?: Tier;
}

export interface DemoUser {
  tenantId: string | null;
  externalId: string;
  displayName: string;
  hsaId?: string;
  /** The care unit the person acts in at demo login (spärr), as an identity provider's assignment would say. */
  careUnit?: { hsaId: string; name: string };
  email: string;
  groups?: string[];
  grants: DemoGrant[];
}

const ALL_TYPES = ['patient-record', 'finance', 'registry', 'documents'];
const each = (role: Role, tier?: Tier): DemoGrant[] => ALL_TYPES.map((t) => ({ role, informationTypeId: t, tier }));

/** Groups as an identity provider would send them; the readers group carries patient-record read. */
export const DEMO_GROUPS: Array<{ tenantId: string; name: string; externalName: string; grants: DemoGrant[] }> = [
  { tenantId: 'region-orebro', name: 'Journalläsare', externalName: 'samarkiv-readers', grants: [{ role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate }] },
  { tenantId: 'region-uppsala', name: 'Journalläsare', externalName: 'samarkiv-readers', grants: [{ role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate }] },
];

export const DEMO_USERS: DemoUser[] = [
  { tenantId: 'region-orebro', externalId: 'anna', displayName: 'Anna Andersson', hsaId: 'SE2321000164-anna', careUnit: { hsaId: 'SE2321000164-vc-orebro', name: 'Vårdcentralen Örebro' }, email: 'anna@orebro.example', groups: ['Journalläsare'], grants: [] },
  { tenantId: 'region-orebro', externalId: 'bertil', displayName: 'Bertil Berg', hsaId: 'SE2321000164-bertil', email: 'bertil@orebro.example', grants: [...each(Role.Archivist, Tier.Intermediate), ...each(Role.Reader, Tier.Intermediate)] },
  { tenantId: 'region-orebro', externalId: 'cecilia', displayName: 'Cecilia Carlsson', hsaId: 'SE2321000164-cecilia', email: 'cecilia@orebro.example', grants: each(Role.AuthorityArchivist, Tier.Final) },
  { tenantId: 'region-orebro', externalId: 'david', displayName: 'David Dahl', hsaId: 'SE2321000164-david', email: 'david@orebro.example', grants: [{ role: Role.LogReviewer, informationTypeId: 'patient-record' }] },
  { tenantId: 'region-orebro', externalId: 'eva', displayName: 'Eva Ek', email: 'eva@orebro.example', grants: [{ role: Role.TenantAdmin }] },
  { tenantId: 'region-uppsala', externalId: 'frida', displayName: 'Frida Falk', hsaId: 'SE2321000024-frida', email: 'frida@uppsala.example', grants: [{ role: Role.Reader, informationTypeId: 'patient-record', tier: Tier.Intermediate }, { role: Role.Reader, informationTypeId: 'finance', tier: Tier.Intermediate }] },
  { tenantId: 'region-uppsala', externalId: 'gustav', displayName: 'Gustav Gran', email: 'gustav@uppsala.example', grants: [{ role: Role.TenantAdmin }, ...each(Role.Archivist, Tier.Intermediate)] },
  { tenantId: 'region-uppsala', externalId: 'nils', displayName: 'Nils Nilsson', email: 'nils@uppsala.example', grants: [] },
  { tenantId: null, externalId: 'olle', displayName: 'Olle Olsson (drift)', email: 'olle@drift.example', grants: [{ role: Role.Operator }] },
];
