import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { IdentityProviderEntity } from '../domain/identity-provider.entity';

@Injectable()
export class IdentityProviderRepository {
  constructor(@InjectRepository(IdentityProviderEntity) private readonly idps: Repository<IdentityProviderEntity>) {}

  find(tenantId: string): Promise<IdentityProviderEntity | null> {
    return this.idps.findOneBy({ tenantId });
  }

  async upsert(idp: Omit<IdentityProviderEntity, 'updatedAt'>): Promise<IdentityProviderEntity> {
    await this.idps.upsert(idp, ['tenantId']);
    return (await this.find(idp.tenantId))!;
  }
}
