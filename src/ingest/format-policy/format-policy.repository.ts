import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { FormatPolicyEntity } from './format-policy.entity';

@Injectable()
export class FormatPolicyRepository {
  constructor(@InjectRepository(FormatPolicyEntity) private readonly policies: Repository<FormatPolicyEntity>) {}

  find(tenantId: string, informationTypeId: string): Promise<FormatPolicyEntity | null> {
    return this.policies.findOneBy({ tenantId, informationTypeId });
  }

  list(tenantId: string): Promise<FormatPolicyEntity[]> {
    return this.policies.find({ where: { tenantId }, order: { informationTypeId: 'ASC' } });
  }

  async save(row: Omit<FormatPolicyEntity, 'updatedAt'>): Promise<FormatPolicyEntity> {
    await this.policies.upsert(row, ['tenantId', 'informationTypeId']);
    return (await this.find(row.tenantId, row.informationTypeId))!;
  }

  async remove(tenantId: string, informationTypeId: string): Promise<boolean> {
    const res = await this.policies.delete({ tenantId, informationTypeId });
    return (res.affected ?? 0) > 0;
  }
}
