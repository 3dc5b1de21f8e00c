import { randomUUID } from 'node:crypto';
import { DomainError, ErrorKind } from '../errors/domain.error';
import { Grant, Principal, Role, Tier } from './access';

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

  /** Deny by default: throws unless one grant matches. */
  require(role: Role, query: GrantQuery = {}): void {
    this.requirePrincipal();
    if (!this.has(role, query)) throw new DomainError('FORBIDDEN', ErrorKind.Forbidden, `Requires the ${role} role`);
  }
}
