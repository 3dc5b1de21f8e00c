import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/context';
import { AipEntity, AipStatus, AipTier } from '../domain/aip.entity';
import { AipRepository } from '../infrastructure/aip.repository';
import { AipView, toAipView } from './aip-catalogue.service';

/** A selection of AIPs for a transfer or a disposal (all conditions must hold). */
export interface AipSelection {
  ids?: string[];
  informationTypeIds?: string[];
  sourceSystem?: string;
  deliveryIds?: string[];
  tier?: AipTier;
  statuses?: AipStatus[];
}

/** Upper bound of one selection: a transfer or disposal decision stays reviewable. */
export const MAX_SELECTION = 10_000;

/**
 * Custody changes of catalogued AIPs (transfer to the final archive, disposal). The final-archive
 * module authorizes its callers; this only keeps to the caller's tenant.
 */
@Injectable()
export class AipCustodyService {
  constructor(private readonly aips: AipRepository) {}

  async select(ctx: RequestContext, s: AipSelection): Promise<AipView[]> {
    const tenantId = ctx.requireTenant();
    const where: Record<string, unknown> = { tenantId };
    if (s.ids) where.id = In(s.ids);
    if (s.informationTypeIds) where.informationTypeId = In(s.informationTypeIds);
    if (s.sourceSystem) where.sourceSystem = s.sourceSystem;
    if (s.deliveryIds) where.deliveryId = In(s.deliveryIds);
    if (s.tier) where.tier = s.tier;
    if (s.statuses) where.status = In(s.statuses);
    const rows = await this.aips.findWhere(where, MAX_SELECTION + 1);
    return rows.map(toAipView);
  }

  async setTier(ctx: RequestContext, tx: EntityManager, ids: string[], tier: AipTier): Promise<number> {
    const res = await tx.getRepository(AipEntity).update({ tenantId: ctx.requireTenant(), id: In(ids) }, { tier });
    return res.affected ?? 0;
  }

  async markDisposed(ctx: RequestContext, tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(AipEntity).update({ tenantId: ctx.requireTenant(), id }, { status: 'disposed' });
  }

  /** After records and files were destroyed out of an AIP (journal destruction): its new counts and stored version. */
  async recount(ctx: RequestContext, tx: EntityManager, id: string, counts: { storedVersion: string; fileCount: number; totalBytes: number; recordCount: number }): Promise<void> {
    await tx.getRepository(AipEntity).update({ tenantId: ctx.requireTenant(), id }, counts);
  }
}
