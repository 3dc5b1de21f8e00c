import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../platform/context';
import { AipCatalogueService, AipView, RegisterAipInput } from './application/aip-catalogue.service';
import type { AipListFilter } from './infrastructure/aip.repository';

export type { AipView, RegisterAipInput, AipListFilter };

/** The intermediate archive's catalogue of AIPs; the only surface other modules use. */
@Injectable()
export class ArchiveFacade {
  constructor(private readonly catalogue: AipCatalogueService) {}

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
}
