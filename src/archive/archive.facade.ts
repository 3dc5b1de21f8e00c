import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../platform/context';
import { AipCatalogueService, AipView, RegisterAipInput } from './application/aip-catalogue.service';
import type { AipListFilter } from './infrastructure/aip.repository';
import { AipCustodyService, AipSelection, MAX_SELECTION } from './application/aip-custody.service';
import type { AipTier } from './domain/aip.entity';

export type { AipView, RegisterAipInput, AipListFilter, AipSelection, AipTier };
export { MAX_SELECTION };
export type { AipDescriptor } from './domain/aip-descriptor';
export { AIP_DESCRIPTOR_FORMAT, AIP_DESCRIPTOR_PATH, AIP_RECORDS_PATH } from './domain/aip-descriptor';

/** The intermediate archive's catalogue of AIPs; the only surface other modules use. */
@Injectable()
export class ArchiveFacade {
  constructor(
    private readonly catalogue: AipCatalogueService,
    private readonly custody: AipCustodyService,
  ) {}

  /** Called by ingest inside its catalogue transaction (together with the search index). */
  registerAip(ctx: RequestContext, tx: EntityManager, input: RegisterAipInput): Promise<AipView> {
    return this.catalogue.register(ctx, tx, input);
  }

  getAip(ctx: RequestContext, aipId: string): Promise<AipView> {
    return this.catalogue.get(ctx, aipId);
  }

  listAips(ctx: RequestContext, filter: AipListFilter = {}): Promise<{ items: AipView[]; total: number }> {
    return this.catalogue.list(ctx, filter);
  }

  latestAipForSip(ctx: RequestContext, sipObjid: string): Promise<AipView | null> {
    return this.catalogue.latestForSip(ctx, sipObjid);
  }

  aipForDelivery(ctx: RequestContext, deliveryId: string): Promise<AipView | null> {
    return this.catalogue.forDelivery(ctx, deliveryId);
  }

  // --- Custody (final archive): the caller authorizes; tenant = the caller's ---

  /** At most MAX_SELECTION + 1 AIPs (one more tells the caller the selection is too large). */
  selectAips(ctx: RequestContext, selection: AipSelection): Promise<AipView[]> {
    return this.custody.select(ctx, selection);
  }

  setTier(ctx: RequestContext, tx: EntityManager, aipIds: string[], tier: AipTier): Promise<number> {
    return this.custody.setTier(ctx, tx, aipIds, tier);
  }

  markDisposed(ctx: RequestContext, tx: EntityManager, aipId: string): Promise<void> {
    return this.custody.markDisposed(ctx, tx, aipId);
  }

  recountAip(ctx: RequestContext, tx: EntityManager, aipId: string, counts: { storedVersion: string; fileCount: number; totalBytes: number; recordCount: number }): Promise<void> {
    return this.custody.recount(ctx, tx, aipId, counts);
  }
}
