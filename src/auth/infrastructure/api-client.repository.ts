import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ApiClientEntity } from '../domain/api-client.entity';

@Injectable()
export class ApiClientRepository {
  constructor(@InjectRepository(ApiClientEntity) private readonly clients: Repository<ApiClientEntity>) {}

  /** For token checks: the token names the client; the tenant comes from the row. */
  findByIdForAuthentication(id: string): Promise<ApiClientEntity | null> {
    return this.clients.findOneBy({ id });
  }

  find(tenantId: string, id: string): Promise<ApiClientEntity | null> {
    return this.clients.findOneBy({ tenantId, id });
  }

  findByName(tenantId: string, name: string): Promise<ApiClientEntity | null> {
    return this.clients.findOneBy({ tenantId, name });
  }

  list(tenantId: string): Promise<ApiClientEntity[]> {
    return this.clients.find({ where: { tenantId }, order: { name: 'ASC' } });
  }

  insert(client: Partial<ApiClientEntity>): Promise<ApiClientEntity> {
    return this.clients.save(this.clients.create(client));
  }

  async update(tenantId: string, id: string, changes: Partial<ApiClientEntity>): Promise<void> {
    await this.clients.update({ tenantId, id }, changes);
  }

  async touch(id: string): Promise<void> {
    await this.clients.update({ id }, { lastUsedAt: new Date() });
  }
}
