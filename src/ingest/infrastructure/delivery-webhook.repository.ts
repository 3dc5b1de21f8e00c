import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DeliveryWebhookEntity } from '../domain/delivery-webhook.entity';

@Injectable()
export class DeliveryWebhookRepository {
  constructor(@InjectRepository(DeliveryWebhookEntity) private readonly hooks: Repository<DeliveryWebhookEntity>) {}

  find(tenantId: string, apiClientId: string): Promise<DeliveryWebhookEntity | null> {
    return this.hooks.findOneBy({ tenantId, apiClientId });
  }

  async upsert(hook: Pick<DeliveryWebhookEntity, 'tenantId' | 'apiClientId' | 'url' | 'secret'>): Promise<void> {
    await this.hooks.upsert({ ...hook, updatedAt: new Date() }, ['tenantId', 'apiClientId']);
  }

  async remove(tenantId: string, apiClientId: string): Promise<boolean> {
    return ((await this.hooks.delete({ tenantId, apiClientId })).affected ?? 0) > 0;
  }
}
