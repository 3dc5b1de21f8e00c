import { randomUUID } from 'node:crypto';
import { DomainError, ErrorKind } from '../errors/domain.error';
import { Grant, Principal, Role, Tier } from './access';
import { Action, ApiScope, ROLE_ACTIONS, SCOPE_ACTIONS, TYPED_ACTIONS } from './actions';

export interface Permission {
  action: Action;
  tenantId: string | null;
  informationTypeId: string | null;
  tier: Tier | null;
}

export interface GrantQuery {
  tenantId?: string;
  informationTypeId?: string;
  tier?: Tier;
}

/**
 * Built once per request (or job, or CLI command) and passed explicitly as the first argument of
 * every service method, so that tenant and grants are never looked up from ambient state.
 */
export class RequestContext {
  constructor(
    readonly correlationId: string,
    readonly principal: Principal | null,
    readonly clientAddress?: string,
  ) {}

  static anonymous(correlationId = randomUUID(), clientAddress?: string): RequestContext {
    return new RequestContext(correlationId, null, clientAddress);
  }

  /** For the CLI and jobs started by operators on the machine itself. */
  static system(name: string, correlationId = randomUUID()): RequestContext {
    return new RequestContext(correlationId, {
      kind: 'system',
      id: name,
      tenantId: null,
      grants: [{ role: Role.Operator, tenantId: null, informationTypeId: null, tier: null }],
    });
  }

  /** A job runs with the tenant of its payload and the rights of the system. */
  static job(tenantId: string, jobId: string): RequestContext {
    return new RequestContext(jobId, { kind: 'system', id: 'worker', tenantId, grants: [] });
  }

  get tenantId(): string | null {
    return this.principal?.tenantId ?? null;
  }

  requirePrincipal(): Principal {
    if (!this.principal) throw new DomainError('AUTH_REQUIRED', ErrorKind.Unauthenticated, 'Authentication required');
    return this.principal;
  }

  /** The tenant the caller acts in; a tenantless caller (operator) has none. */
  requireTenant(): string {
    const tenantId = this.requirePrincipal().tenantId;
    if (!tenantId) throw new DomainError('TENANT_REQUIRED', ErrorKind.Forbidden, 'This action needs a region (tenant) context');
    return tenantId;
  }

  grantsFor(role: Role, query: GrantQuery = {}): Grant[] {
    const grants = this.principal?.grants ?? [];
    return grants.filter(
      (g) =>
        g.role === role &&
        (query.tenantId === undefined || g.tenantId === query.tenantId) &&
        (query.informationTypeId === undefined || g.informationTypeId === query.informationTypeId) &&
        (query.tier === undefined || g.tier === query.tier),
    );
  }

  has(role: Role, query: GrantQuery = {}): boolean {
    return this.grantsFor(role, query).length > 0;
  }

  isOperator(): boolean {
    return this.has(Role.Operator);
  }

  /** Roles and API scopes expanded into what they allow, computed once. */
  get permissions(): Permission[] {
    this.cachedPermissions ??= expandPermissions(this.principal);
    return this.cachedPermissions;
  }

  private cachedPermissions?: Permission[];

  /**
   * May the caller do `action` (in this tenant, on this information type, in this tier)?
   * A tenant-wide grant (no information type) does not cover typed actions.
   */
  can(action: Action, query: GrantQuery = {}): boolean {
    return this.permissions.some(
      (p) =>
        p.action === action &&
        (query.tenantId === undefined || p.tenantId === query.tenantId) &&
        (query.informationTypeId === undefined || p.informationTypeId === query.informationTypeId) &&
        (query.tier === undefined || p.tier === null || p.tier === query.tier),
    );
  }

  /** The information types the caller may do `action` on, in its tenant (and tier). */
  informationTypesFor(action: Action, tier?: Tier): string[] {
    const ids = this.permissions
      .filter((p) => p.action === action && p.tenantId === this.tenantId && (tier === undefined || p.tier === null || p.tier === tier))
      .map((p) => p.informationTypeId)
      .filter((id): id is string => id !== null);
    return [...new Set(ids)];
  }

  requireAction(action: Action, query: GrantQuery = {}): void {
    this.requirePrincipal();
    if (!this.can(action, query)) throw new DomainError('FORBIDDEN', ErrorKind.Forbidden, `Not allowed: ${action}`);
  }

  /** Deny by default: throws unless one grant matches. */
  require(role: Role, query: GrantQuery = {}): void {
    this.requirePrincipal();
    if (!this.has(role, query)) throw new DomainError('FORBIDDEN', ErrorKind.Forbidden, `Requires the ${role} role`);
  }
}

function expandPermissions(principal: Principal | null): Permission[] {
  if (!principal) return [];
  const result: Permission[] = [];
  for (const g of principal.grants) {
    for (const action of ROLE_ACTIONS[g.role] ?? []) {
      if (TYPED_ACTIONS.has(action) && g.informationTypeId === null) continue;
      result.push({ action, tenantId: g.tenantId, informationTypeId: g.informationTypeId, tier: g.tier });
    }
  }
  if (principal.apiClient && principal.tenantId) {
    for (const scope of principal.apiClient.scopes) {
      for (const action of SCOPE_ACTIONS[scope as ApiScope] ?? []) {
        for (const informationTypeId of principal.apiClient.informationTypes) {
          result.push({ action, tenantId: principal.tenantId, informationTypeId, tier: Tier.Intermediate });
        }
      }
    }
  }
  return result;
}
