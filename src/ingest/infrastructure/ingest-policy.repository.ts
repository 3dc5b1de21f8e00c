import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TenantIngestPolicyEntity } from '../domain/tenant-ingest-policy.entity';

@Injectable()
export class IngestPolicyRepository {
  constructor(@InjectRepository(TenantIngestPolicyEntity) private readonly policies: Repository<TenantIngestPolicyEntity>) {}

  find(tenantId: string): Promise<TenantIngestPolicyEntity | null> {
    return this.policies.findOneBy({ tenantId });
  }

  async upsert(policy: Omit<TenantIngestPolicyEntity, 'updatedAt'>): Promise<void> {
    await this.policies.upsert(policy, ['tenantId']);
  }
}
