import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import { AipEntity } from '../domain/aip.entity';

export interface AipListFilter {
  informationTypeId?: string;
  informationTypeIds?: string[];
  /** Per tier, the information types the caller may see there (grants carry a tier). */
  visible?: { intermediate: string[]; final: string[] };
  sipObjid?: string;
  deliveryId?: string;
  limit?: number;
  offset?: number;
}

@Injectable()
export class AipRepository {
  constructor(@InjectRepository(AipEntity) private readonly aips: Repository<AipEntity>) {}

  insert(tx: EntityManager, aip: Omit<AipEntity, 'createdAt'>): Promise<AipEntity> {
    const repo = tx.getRepository(AipEntity);
    return repo.save(repo.create(aip));
  }

  find(tenantId: string, id: string): Promise<AipEntity | null> {
    return this.aips.findOneBy({ tenantId, id });
  }

  findByDelivery(tenantId: string, deliveryId: string, tx?: EntityManager): Promise<AipEntity | null> {
    return (tx?.getRepository(AipEntity) ?? this.aips).findOneBy({ tenantId, deliveryId });
  }

  /** The newest version of a SIP OBJID in the tenant, if any. */
  latestBySipObjid(tenantId: string, sipObjid: string, tx?: EntityManager): Promise<AipEntity | null> {
    return (tx?.getRepository(AipEntity) ?? this.aips).findOne({ where: { tenantId, sipObjid }, order: { version: 'DESC' } });
  }

  async supersede(tx: EntityManager, tenantId: string, id: string): Promise<void> {
    await tx.getRepository(AipEntity).update({ tenantId, id }, { status: 'superseded' });
  }

  list(tenantId: string, filter: AipListFilter): Promise<[AipEntity[], number]> {
    const q = this.aips.createQueryBuilder('a').where('a.tenant_id = :tenantId', { tenantId });
    if (filter.informationTypeId) q.andWhere('a.information_type_id = :type', { type: filter.informationTypeId });
    if (filter.informationTypeIds) q.andWhere('a.information_type_id = ANY(:types)', { types: filter.informationTypeIds });
    if (filter.visible) {
      q.andWhere(`((a.tier = 'intermediate' AND a.information_type_id = ANY(:intermediate)) OR (a.tier = 'final' AND a.information_type_id = ANY(:final)))`, filter.visible);
    }
    if (filter.sipObjid) q.andWhere('a.sip_objid = :objid', { objid: filter.sipObjid });
    if (filter.deliveryId) q.andWhere('a.delivery_id = :deliveryId', { deliveryId: filter.deliveryId });
    return q
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .take(Math.min(filter.limit ?? 50, 500))
      .skip(filter.offset ?? 0)
      .getManyAndCount();
  }

  findWhere(where: FindOptionsWhere<AipEntity>, limit: number): Promise<AipEntity[]> {
    return this.aips.find({ where, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }
}
