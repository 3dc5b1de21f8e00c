import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, IsNull, Repository } from 'typeorm';
import { AccessGrantEntity } from '../domain/access-grant.entity';

@Injectable()
export class GrantRepository {
  constructor(@InjectRepository(AccessGrantEntity) private readonly grants: Repository<AccessGrantEntity>) {}

  /** Direct grants of the user plus grants of its groups, all within one tenant (or central). */
  effectiveGrants(tenantId: string | null, userId: string, groupIds: string[]): Promise<AccessGrantEntity[]> {
    const qb = this.grants.createQueryBuilder('g');
    if (tenantId === null) qb.where('g.tenant_id IS NULL');
    else qb.where('g.tenant_id = :tenantId', { tenantId });
    qb.andWhere(
      new Brackets((w) => {
        w.where('g.user_id = :userId', { userId });
        if (groupIds.length > 0) w.orWhere('g.group_id IN (:...groupIds)', { groupIds });
      }),
    );
    return qb.orderBy('g.role').addOrderBy('g.information_type_id').getMany();
  }

  list(tenantId: string | null): Promise<AccessGrantEntity[]> {
    return this.grants.find({ where: { tenantId: tenantId ?? IsNull() }, order: { createdAt: 'ASC' } });
  }

  findById(tenantId: string | null, id: string): Promise<AccessGrantEntity | null> {
    return this.grants.findOneBy({ id, tenantId: tenantId ?? IsNull() });
  }

  /** Idempotent: granting what is already granted returns the existing grant. */
  async insert(grant: Omit<AccessGrantEntity, 'id' | 'createdAt'>): Promise<AccessGrantEntity> {
    const existing = await this.grants.findOneBy({
      tenantId: grant.tenantId ?? IsNull(),
      userId: grant.userId ?? IsNull(),
      groupId: grant.groupId ?? IsNull(),
      role: grant.role,
      informationTypeId: grant.informationTypeId ?? IsNull(),
      tier: grant.tier ?? IsNull(),
    });
    return existing ?? this.grants.save(this.grants.create(grant));
  }

  async delete(tenantId: string | null, id: string): Promise<boolean> {
    const result = await this.grants.delete({ id, tenantId: tenantId ?? IsNull() });
    return (result.affected ?? 0) > 0;
  }
}
