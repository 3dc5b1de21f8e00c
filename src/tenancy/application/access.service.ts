import { Injectable } from '@nestjs/common';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { CONTENT_ROLES, Grant, RequestContext, Role, Tier } from '../../platform/context';
import { AccessGrantEntity } from '../domain/access-grant.entity';
import { UserAccountEntity } from '../domain/user-account.entity';
import { GrantRepository } from '../infrastructure/grant.repository';
import { UserRepository } from '../infrastructure/user.repository';
import { grantNotFound, groupNotFound, invalidGrant, invalidGroup, userNotFound } from '../tenancy.errors';
import { InformationTypeRegistry } from './information-type.registry';
import { PrincipalAccessService, toGrant } from './principal-access.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface GrantInput {
  subject: { userId: string } | { groupId: string };
  role: Role;
  informationTypeId?: string | null;
  tier?: Tier | null;
}

/** A grant as administered: with its id and subject, so that it can be revoked. */
export interface GrantRow extends Grant {
  id: string;
  userId: string | null;
  groupId: string | null;
  createdAt: string;
}

export interface GroupView {
  id: string;
  name: string;
  /** The identity provider's group value that maps to this group (null: membership managed here). */
  externalName: string | null;
  grants: GrantRow[];
}

export interface UserView {
  id: string;
  tenantId: string | null;
  externalId: string;
  hsaId: string | null;
  displayName: string;
  email: string | null;
  grants: Grant[];
}

/** Users, groups and grants of one tenant, administered by its tenant administrators. */
@Injectable()
export class AccessService {
  constructor(
    private readonly users: UserRepository,
    private readonly grants: GrantRepository,
    private readonly types: InformationTypeRegistry,
    private readonly audit: AuditFacade,
    private readonly principals: PrincipalAccessService,
  ) {}

  /** Effective grants of an account: its own plus its groups'. Deny by default: none → []. */
  resolveGrants(tenantId: string | null, userId: string): Promise<Grant[]> {
    return this.principals.resolveGrants(tenantId, userId);
  }

  async allUsersForDemo(): Promise<UserView[]> {
    const users = await this.users.listAllUsers();
    return Promise.all(users.map((u) => this.view(u)));
  }

  async listUsers(ctx: RequestContext, tenantId: string): Promise<UserView[]> {
    this.requireAdmin(ctx, tenantId);
    const users = await this.users.listUsers(tenantId);
    return Promise.all(users.map((u) => this.view(u)));
  }

  async getUser(ctx: RequestContext, tenantId: string, userId: string): Promise<UserView> {
    this.requireAdmin(ctx, tenantId);
    const user = await this.users.findUser(tenantId, userId);
    if (!user) throw userNotFound();
    return this.view(user);
  }

  async grant(ctx: RequestContext, tenantId: string, input: GrantInput): Promise<Grant> {
    this.requireAdmin(ctx, tenantId);
    const informationTypeId = input.informationTypeId ?? null;
    const tier = input.tier ?? null;
    this.checkShape(input.role, informationTypeId, tier);
    if (informationTypeId) this.types.get(informationTypeId);
    if ('userId' in input.subject) {
      if (!(await this.users.findUser(tenantId, input.subject.userId))) throw userNotFound();
    } else if (!(await this.users.findGroup(tenantId, input.subject.groupId))) {
      throw groupNotFound();
    }
    const userId = 'userId' in input.subject ? input.subject.userId : null;
    const groupId = 'groupId' in input.subject ? input.subject.groupId : null;
    const saved = await this.audit.withAudit(ctx, grantChange(tenantId, { what: 'grant', role: input.role, informationTypeId, tier, userId, groupId }), () =>
      this.grants.insert({ tenantId, userId, groupId, role: input.role, informationTypeId, tier, createdBy: ctx.principal?.id ?? null }),
    );
    this.principals.changed(tenantId);
    return toGrant(saved);
  }

  /** Every grant of the tenant, given to users or to groups. */
  async listGrants(ctx: RequestContext, tenantId: string): Promise<GrantRow[]> {
    this.requireAdmin(ctx, tenantId);
    return (await this.grants.list(tenantId)).map(toGrantRow);
  }

  async revokeGrant(ctx: RequestContext, tenantId: string, grantId: string): Promise<void> {
    this.requireAdmin(ctx, tenantId);
    if (!UUID.test(grantId)) throw grantNotFound();
    const grant = await this.grants.findById(tenantId, grantId);
    if (!grant) throw grantNotFound();
    const what = { what: 'revoke', role: grant.role, informationTypeId: grant.informationTypeId, tier: grant.tier, userId: grant.userId, groupId: grant.groupId };
    await this.audit.withAudit(ctx, grantChange(tenantId, what), async () => {
      if (!(await this.grants.delete(tenantId, grantId))) throw grantNotFound();
    });
    this.principals.changed(tenantId);
  }

  async listGroups(ctx: RequestContext, tenantId: string): Promise<GroupView[]> {
    this.requireAdmin(ctx, tenantId);
    const [groups, grants] = await Promise.all([this.users.listGroups(tenantId), this.grants.list(tenantId)]);
    return groups.map((g) => ({ id: g.id, name: g.name, externalName: g.externalName, grants: grants.filter((r) => r.groupId === g.id).map(toGrantRow) }));
  }

  /** Creates the group, or updates the external name of the group with that name. */
  async saveGroup(ctx: RequestContext, tenantId: string, input: { name: string; externalName?: string | null }): Promise<GroupView> {
    this.requireAdmin(ctx, tenantId);
    const name = input.name.trim();
    const externalName = input.externalName?.trim() || null;
    if (name.length === 0 || name.length > 200) throw invalidGroup('name must be 1-200 characters');
    if (externalName && externalName.length > 500) throw invalidGroup('external name must be at most 500 characters');
    // The external name decides who gets the group's grants at login: a grant change.
    const group = await this.audit.withAudit(ctx, grantChange(tenantId, { what: 'group', name, externalName }), () => this.users.upsertGroup(tenantId, name, externalName));
    const grants = (await this.grants.list(tenantId)).filter((r) => r.groupId === group.id).map(toGrantRow);
    return { id: group.id, name: group.name, externalName: group.externalName, grants };
  }

  /** Tenant administrators manage their own tenant; operators manage tenants but not content grants. */
  private requireAdmin(ctx: RequestContext, tenantId: string): void {
    ctx.requirePrincipal();
    if (ctx.tenantId !== tenantId && !ctx.isOperator()) throw userNotFound();
    if (!ctx.isOperator()) ctx.require(Role.TenantAdmin, { tenantId });
  }

  private checkShape(role: Role, informationTypeId: string | null, tier: Tier | null): void {
    if (role === Role.Operator) throw invalidGrant('the operator role is central and is not granted within a tenant');
    if (role === Role.TenantAdmin && (informationTypeId || tier)) throw invalidGrant('tenant-admin takes no information type or tier');
    if (CONTENT_ROLES.has(role) && !informationTypeId) throw invalidGrant(`${role} needs an information type`);
    if (role === Role.LogReviewer && tier) throw invalidGrant('log-reviewer takes no tier');
    if (role === Role.AuthorityArchivist && tier !== Tier.Final) throw invalidGrant('authority-archivist works in the final tier');
    if ((role === Role.Reader || role === Role.Archivist) && !tier) throw invalidGrant(`${role} needs a tier`);
  }

  private async view(u: UserAccountEntity): Promise<UserView> {
    return {
      id: u.id,
      tenantId: u.tenantId,
      externalId: u.externalId,
      hsaId: u.hsaId,
      displayName: u.displayName,
      email: u.email,
      grants: await this.resolveGrants(u.tenantId, u.id),
    };
  }
}

/** Grants and group mappings are logged: who may see patient data is itself reviewable. Ids only, no names of people. */
function grantChange(tenantId: string, details: Record<string, unknown>) {
  return { action: AuditAction.GrantChange, tenantId, outcome: AuditOutcome.Success, details };
}

function toGrantRow(r: AccessGrantEntity): GrantRow {
  return { ...toGrant(r), id: r.id, userId: r.userId, groupId: r.groupId, createdAt: r.createdAt.toISOString() };
}
