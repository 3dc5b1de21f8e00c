import { Injectable } from '@nestjs/common';
import { Grant, RequestContext } from '../platform/context';
import { ALL_SCOPES } from '../platform/database/database-notifications';
import { AccessService, GrantInput, GrantRow, GroupView, UserView } from './application/access.service';
import { DemoSeedService, SeedSummary } from './application/demo-seed.service';
import { InformationTypeRegistry } from './application/information-type.registry';
import { CreateTenantInput, TenantService, TenantView } from './application/tenant.service';
import { InformationTypeDefinition } from './domain/information-type';
import { UserRepository } from './infrastructure/user.repository';
import { PrincipalAccess, PrincipalAccessService } from './application/principal-access.service';

export type { PrincipalAccess, CreateTenantInput, TenantView, UserView, GrantInput, GrantRow, GroupView, SeedSummary, InformationTypeDefinition };
export { DEMO_USERS, DEMO_TENANTS } from './application/demo-seed';

/** The tenancy module's only public surface for other modules. */
@Injectable()
export class TenancyFacade {
  constructor(
    private readonly tenants: TenantService,
    private readonly access: AccessService,
    private readonly types: InformationTypeRegistry,
    private readonly seeder: DemoSeedService,
    private readonly users: UserRepository,
    private readonly principals: PrincipalAccessService,
  ) {}

  listTenants(ctx: RequestContext): Promise<TenantView[]> {
    return this.tenants.list(ctx);
  }

  getTenant(ctx: RequestContext, id: string): Promise<TenantView> {
    return this.tenants.get(ctx, id);
  }

  createTenant(ctx: RequestContext, input: CreateTenantInput): Promise<TenantView> {
    return this.tenants.create(ctx, input);
  }

  /** Operators switch information types on or off per tenant. */
  setInformationType(ctx: RequestContext, tenantId: string, informationTypeId: string, enabled: boolean): Promise<TenantView> {
    return this.tenants.setInformationType(ctx, tenantId, informationTypeId, enabled);
  }

  /** Region ids and names for the login page's region chooser (no principal yet; names are public). */
  regionsForLogin(): Promise<Array<{ id: string; name: string }>> {
    return this.tenants.regions();
  }

  listUsers(ctx: RequestContext, tenantId: string): Promise<UserView[]> {
    return this.access.listUsers(ctx, tenantId);
  }

  grant(ctx: RequestContext, tenantId: string, input: GrantInput): Promise<Grant> {
    return this.access.grant(ctx, tenantId, input);
  }

  listGrants(ctx: RequestContext, tenantId: string): Promise<GrantRow[]> {
    return this.access.listGrants(ctx, tenantId);
  }

  revokeGrant(ctx: RequestContext, tenantId: string, grantId: string): Promise<void> {
    return this.access.revokeGrant(ctx, tenantId, grantId);
  }

  listGroups(ctx: RequestContext, tenantId: string): Promise<GroupView[]> {
    return this.access.listGroups(ctx, tenantId);
  }

  saveGroup(ctx: RequestContext, tenantId: string, input: { name: string; externalName?: string | null }): Promise<GroupView> {
    return this.access.saveGroup(ctx, tenantId, input);
  }

  tenantAreaPath(tenantId: string, area: 'staging' | 'quarantine'): string {
    return this.tenants.areaPath(tenantId, area);
  }

  resolveGrants(tenantId: string | null, userId: string): Promise<Grant[]> {
    return this.access.resolveGrants(tenantId, userId);
  }

  /** An account and its effective grants for a request's principal (cached until the database tells of a change). */
  principalAccess(tenantId: string | null, userId: string): Promise<PrincipalAccess | null> {
    return this.principals.of(tenantId, userId);
  }

  /** Just-in-time provisioning on login. */
  async upsertUserFromLogin(tenantId: string, data: { externalId: string; displayName: string; hsaId?: string | null; email?: string | null }) {
    const user = await this.users.upsertUser(tenantId, data);
    await this.users.touchLogin(tenantId, user.id);
    this.principals.changed(tenantId);
    return user;
  }

  findUser(tenantId: string | null, id: string) {
    return this.users.findUser(tenantId, id);
  }

  /** Group membership follows the identity provider: exactly the groups whose external names it sent. */
  async syncExternalGroups(tenantId: string, userId: string, externalNames: string[]) {
    const groups = await this.users.syncExternalGroups(tenantId, userId, externalNames);
    this.principals.changed(tenantId);
    return groups;
  }

  /** Every account of every tenant with its grants, for the demo login page only. */
  async listAllUsersForDemo(): Promise<UserView[]> {
    return this.access.allUsersForDemo();
  }

  findUserByExternalId(tenantId: string | null, externalId: string) {
    return this.users.findUserByExternalId(tenantId, externalId);
  }

  informationTypes(): InformationTypeDefinition[] {
    return this.types.all();
  }

  informationType(id: string): InformationTypeDefinition {
    return this.types.get(id);
  }

  async seedDemo(ctx: RequestContext): Promise<SeedSummary> {
    const summary = await this.seeder.seed(ctx);
    this.principals.changed(ALL_SCOPES);
    return summary;
  }
}
