import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { UserAccountEntity } from '../domain/user-account.entity';
import { UserGroupEntity } from '../domain/user-group.entity';
import { GroupMemberEntity } from '../domain/group-member.entity';

/**
 * Tenant-owned rows: every query takes the tenant id and filters on it, so a caller in tenant A
 * cannot reach a row of tenant B even by guessing its id.
 */
@Injectable()
export class UserRepository {
  constructor(
    @InjectRepository(UserAccountEntity) private readonly users: Repository<UserAccountEntity>,
    @InjectRepository(UserGroupEntity) private readonly groups: Repository<UserGroupEntity>,
    @InjectRepository(GroupMemberEntity) private readonly members: Repository<GroupMemberEntity>,
  ) {}

  findUser(tenantId: string | null, id: string): Promise<UserAccountEntity | null> {
    return this.users.findOneBy({ id, tenantId: tenantId ?? IsNull() });
  }

  findUserByExternalId(tenantId: string | null, externalId: string): Promise<UserAccountEntity | null> {
    return this.users.findOneBy({ externalId, tenantId: tenantId ?? IsNull() });
  }

  listUsers(tenantId: string | null): Promise<UserAccountEntity[]> {
    return this.users.find({ where: { tenantId: tenantId ?? IsNull() }, order: { displayName: 'ASC' } });
  }

  /** Creates or updates the account by (tenant, external id): just-in-time provisioning. */
  async upsertUser(tenantId: string | null, data: Pick<UserAccountEntity, 'externalId' | 'displayName'> & Partial<Pick<UserAccountEntity, 'hsaId' | 'email'>>): Promise<UserAccountEntity> {
    const existing = await this.findUserByExternalId(tenantId, data.externalId);
    if (existing) {
      await this.users.update({ id: existing.id }, { displayName: data.displayName, hsaId: data.hsaId ?? existing.hsaId, email: data.email ?? existing.email });
      return (await this.findUser(tenantId, existing.id))!;
    }
    const saved = await this.users.save(this.users.create({ tenantId, ...data, hsaId: data.hsaId ?? null, email: data.email ?? null }));
    return saved;
  }

  async touchLogin(tenantId: string | null, id: string): Promise<void> {
    await this.users.update({ id, tenantId: tenantId ?? IsNull() }, { lastLoginAt: new Date() });
  }

  findGroup(tenantId: string, id: string): Promise<UserGroupEntity | null> {
    return this.groups.findOneBy({ id, tenantId });
  }

  findGroupByName(tenantId: string, name: string): Promise<UserGroupEntity | null> {
    return this.groups.findOneBy({ tenantId, name });
  }

  listGroups(tenantId: string): Promise<UserGroupEntity[]> {
    return this.groups.find({ where: { tenantId }, order: { name: 'ASC' } });
  }

  async upsertGroup(tenantId: string, name: string, externalName: string | null): Promise<UserGroupEntity> {
    const existing = await this.findGroupByName(tenantId, name);
    if (existing) {
      if (existing.externalName !== externalName) await this.groups.update({ id: existing.id, tenantId }, { externalName });
      return (await this.findGroup(tenantId, existing.id))!;
    }
    return this.groups.save(this.groups.create({ tenantId, name, externalName }));
  }

  async addMember(tenantId: string, groupId: string, userId: string): Promise<void> {
    await this.members.createQueryBuilder().insert().values({ tenantId, groupId, userId }).orIgnore().execute();
  }

  async syncExternalGroups(tenantId: string, userId: string, externalNames: string[]): Promise<string[]> {
    const groups = await this.groups.find({ where: { tenantId } });
    const wanted = new Set(groups.filter((g) => g.externalName !== null && externalNames.includes(g.externalName)).map((g) => g.id));
    const managed = new Set(groups.filter((g) => g.externalName !== null).map((g) => g.id));
    const current = await this.groupIdsOf(tenantId, userId);
    for (const id of current) if (managed.has(id) && !wanted.has(id)) await this.members.delete({ tenantId, groupId: id, userId });
    for (const id of wanted) await this.addMember(tenantId, id, userId);
    return [...wanted];
  }

  listAllUsers(): Promise<UserAccountEntity[]> {
    return this.users.find({ order: { tenantId: 'ASC', externalId: 'ASC' } });
  }

  async groupIdsOf(tenantId: string, userId: string): Promise<string[]> {
    const rows = await this.members.find({ where: { tenantId, userId } });
    return rows.map((r) => r.groupId);
  }
}
