import { Injectable } from '@nestjs/common';
import { RequestContext, Role } from '../../platform/context';
import { GrantRepository } from '../infrastructure/grant.repository';
import { TenantRepository } from '../infrastructure/tenant.repository';
import { UserRepository } from '../infrastructure/user.repository';
import { DEMO_GROUPS, DEMO_TENANTS, DEMO_USERS, DemoGrant } from './demo-seed';
import { InformationTypeRegistry } from './information-type.registry';
import { TenantService } from './tenant.service';

export interface SeedSummary {
  tenants: number;
  users: number;
  groups: number;
}

/** Idempotent: running it again leaves the same data. */
@Injectable()
export class DemoSeedService {
  constructor(
    private readonly tenantRepo: TenantRepository,
    private readonly tenants: TenantService,
    private readonly users: UserRepository,
    private readonly grants: GrantRepository,
    private readonly types: InformationTypeRegistry,
  ) {}

  async seed(ctx: RequestContext): Promise<SeedSummary> {
    ctx.require(Role.Operator);
    for (const t of DEMO_TENANTS) {
      if (!(await this.tenantRepo.findById(t.id))) await this.tenants.create(ctx, { ...t });
      for (const type of this.types.all()) await this.tenantRepo.enableInformationType(t.id, type.id);
    }
    const groupIds = new Map<string, string>();
    for (const g of DEMO_GROUPS) {
      const group = await this.users.upsertGroup(g.tenantId, g.name, g.externalName);
      groupIds.set(`${g.tenantId}/${g.name}`, group.id);
      for (const grant of g.grants) await this.insertGrant(g.tenantId, { groupId: group.id }, grant);
    }
    for (const u of DEMO_USERS) {
      const user = await this.users.upsertUser(u.tenantId, { externalId: u.externalId, displayName: u.displayName, hsaId: u.hsaId ?? null, email: u.email });
      for (const name of u.groups ?? []) await this.users.addMember(u.tenantId!, groupIds.get(`${u.tenantId}/${name}`)!, user.id);
      for (const grant of u.grants) await this.insertGrant(u.tenantId, { userId: user.id }, grant);
    }
    return { tenants: DEMO_TENANTS.length, users: DEMO_USERS.length, groups: DEMO_GROUPS.length };
  }

  private insertGrant(tenantId: string | null, subject: { userId?: string; groupId?: string }, g: DemoGrant) {
    return this.grants.insert({
      tenantId,
      userId: subject.userId ?? null,
      groupId: subject.groupId ?? null,
      role: g.role,
      informationTypeId: g.informationTypeId ?? null,
      tier: g.tier ?? null,
      createdBy: 'seed-demo',
    });
  }
}
