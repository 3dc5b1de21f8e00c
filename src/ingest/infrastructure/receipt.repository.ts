import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ReceiptEntity } from '../domain/receipt.entity';

@Injectable()
export class ReceiptRepository {
  constructor(@InjectRepository(ReceiptEntity) private readonly receipts: Repository<ReceiptEntity>) {}

  /** One receipt per delivery: a repeated insert keeps the first (the primary key decides). */
  async insertOnce(tx: EntityManager, receipt: Omit<ReceiptEntity, 'createdAt'>): Promise<void> {
    await tx.createQueryBuilder().insert().into(ReceiptEntity).values(receipt).orIgnore().execute();
  }

  find(tenantId: string, deliveryId: string): Promise<ReceiptEntity | null> {
    return this.receipts.findOneBy({ tenantId, deliveryId });
  }
}
