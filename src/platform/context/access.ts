/**
 * The access model shared by every module (a small shared kernel): grants are
 * subject × tenant × information type × tier × role, and everything is denied by default.
 */
export enum Role {
  Reader = 'reader',
  Archivist = 'archivist',
  AuthorityArchivist = 'authority-archivist',
  LogReviewer = 'log-reviewer',
  TenantAdmin = 'tenant-admin',
  Operator = 'operator',
}

export enum Tier {
  Intermediate = 'intermediate',
  Final = 'final',
}

export const ROLES = Object.values(Role);
export const TIERS = Object.values(Tier);

/** Roles that read record content, and so need an information type and a tier. */
export const CONTENT_ROLES: ReadonlySet<Role> = new Set([Role.Reader, Role.Archivist, Role.AuthorityArchivist, Role.LogReviewer]);

export interface Grant {
  role: Role;
  /** null only for the operator role: operators run the installation, not a region. */
  tenantId: string | null;
  informationTypeId: string | null;
  tier: Tier | null;
}

export type PrincipalKind = 'user' | 'api-client' | 'system';

/** What a machine client may do: scopes over information types, in its own tenant. */
export interface ApiClientScopes {
  scopes: string[];
  informationTypes: string[];
}

export interface Principal {
  kind: PrincipalKind;
  id: string;
  /** The tenant the principal belongs to; null for central operations accounts and the system. */
  tenantId: string | null;
  displayName?: string;
  hsaId?: string;
  /**
   * The care unit the person acts in for this session (from the identity provider's assignment
   * attribute, or chosen at demo login): spärr and the access log use it.
   */
  careUnit?: { hsaId: string; name: string | null };
  sessionId?: string;
  grants: readonly Grant[];
  apiClient?: ApiClientScopes;
}
