import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { TenantEntity } from '../domain/tenant.entity';
import { TenantInformationTypeEntity } from '../domain/tenant-information-type.entity';

@Injectable()
export class TenantRepository {
  constructor(
    @InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>,
    @InjectRepository(TenantInformationTypeEntity) private readonly types: Repository<TenantInformationTypeEntity>,
  ) {}

  findAll(): Promise<TenantEntity[]> {
    return this.tenants.find({ order: { name: 'ASC' } });
  }

  findByIds(ids: string[]): Promise<TenantEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.tenants.find({ where: { id: In(ids) }, order: { name: 'ASC' } });
  }

  findById(id: string): Promise<TenantEntity | null> {
    return this.tenants.findOneBy({ id });
  }

  async insert(tenant: Pick<TenantEntity, 'id' | 'name' | 'organisationNumber' | 'archiveAuthorityName'>): Promise<TenantEntity> {
    await this.tenants.insert(tenant);
    return (await this.findById(tenant.id))!;
  }

  async informationTypes(tenantId: string): Promise<string[]> {
    const rows = await this.types.find({ where: { tenantId }, order: { informationTypeId: 'ASC' } });
    return rows.map((r) => r.informationTypeId);
  }

  async enableInformationType(tenantId: string, informationTypeId: string): Promise<void> {
    await this.types.createQueryBuilder().insert().values({ tenantId, informationTypeId }).orIgnore().execute();
  }

  async disableInformationType(tenantId: string, informationTypeId: string): Promise<void> {
    await this.types.delete({ tenantId, informationTypeId });
  }
}
