import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { Action, RequestContext, Tier } from '../../platform/context';
import { aipNotFound, aipVersionConflict } from '../archive.errors';
import { AipEntity, AipTier } from '../domain/aip.entity';
import { AipListFilter, AipRepository } from '../infrastructure/aip.repository';

export interface RegisterAipInput {
  id: string;
  objectId: string;
  deliveryId: string;
  sipObjid: string;
  informationTypeId: string;
  sourceSystem: string;
  tier: AipTier;
  version: number;
  storedVersion: string;
  fileCount: number;
  totalBytes: number;
  recordCount: number;
}

/** A catalogue entry as callers see it: what was registered, plus its status and time. */
export interface AipView extends RegisterAipInput {
  status: string;
  createdAt: string;
}

/** Who may see catalogue entries: the worker of the tenant, and people or clients who read deliveries or records of the type. */
const SEEING_ACTIONS = [Action.DeliveryRead, Action.RecordSearch];

@Injectable()
export class AipCatalogueService {
  constructor(private readonly aips: AipRepository) {}

  /**
   * Adds the AIP inside the caller's transaction (ingest commits catalogue and search index
   * together). Idempotent per delivery: a repeated call returns the row already there. A later
   * version of the same SIP OBJID marks the earlier active one superseded.
   */
  async register(ctx: RequestContext, tx: EntityManager, input: RegisterAipInput): Promise<AipView> {
    const tenantId = ctx.requireTenant();
    const existing = await this.aips.findByDelivery(tenantId, input.deliveryId, tx);
    if (existing) return toAipView(existing);
    const previous = await this.aips.latestBySipObjid(tenantId, input.sipObjid, tx);
    if (previous && previous.status === 'active') await this.aips.supersede(tx, tenantId, previous.id);
    try {
      return toAipView(await this.aips.insert(tx, { tenantId, ...input, status: 'active' }));
    } catch (err) {
      if (err instanceof QueryFailedError && (err as QueryFailedError & { code?: string }).code === '23505') throw aipVersionConflict();
      throw err;
    }
  }

  async get(ctx: RequestContext, id: string): Promise<AipView> {
    const tenantId = ctx.requireTenant();
    const aip = await this.aips.find(tenantId, id);
    if (!aip || !this.maySee(ctx, aip.informationTypeId, aip.tier)) throw aipNotFound();
    return toAipView(aip);
  }

  /** The newest version of a SIP OBJID in the caller's tenant (duplicate check at ingest). */
  async latestForSip(ctx: RequestContext, sipObjid: string): Promise<AipView | null> {
    const tenantId = ctx.requireTenant();
    const aip = await this.aips.latestBySipObjid(tenantId, sipObjid);
    return aip && this.maySee(ctx, aip.informationTypeId) ? toAipView(aip) : null;
  }

  async forDelivery(ctx: RequestContext, deliveryId: string): Promise<AipView | null> {
    const tenantId = ctx.requireTenant();
    const aip = await this.aips.findByDelivery(tenantId, deliveryId);
    return aip && this.maySee(ctx, aip.informationTypeId) ? toAipView(aip) : null;
  }

  async list(ctx: RequestContext, filter: AipListFilter): Promise<{ items: AipView[]; total: number }> {
    const tenantId = ctx.requireTenant();
    const typesIn = (tier: Tier) => [...new Set(SEEING_ACTIONS.flatMap((a) => ctx.informationTypesFor(a, tier)))];
    const visible = this.isTenantWorker(ctx) ? undefined : { intermediate: typesIn(Tier.Intermediate), final: typesIn(Tier.Final) };
    const [rows, total] = await this.aips.list(tenantId, { ...filter, visible });
    return { items: rows.map(toAipView), total };
  }

  /** With a tier, the grant must reach it: after a transfer only final-archive grants see the AIP. */
  private maySee(ctx: RequestContext, informationTypeId: string, tier?: AipTier): boolean {
    return this.isTenantWorker(ctx) || SEEING_ACTIONS.some((a) => ctx.can(a, { tenantId: ctx.tenantId ?? undefined, informationTypeId, tier: tier as Tier | undefined }));
  }

  /** Jobs run as the system inside one tenant (RequestContext.job). */
  private isTenantWorker(ctx: RequestContext): boolean {
    return ctx.principal?.kind === 'system' && ctx.tenantId !== null;
  }
}

export function toAipView(a: AipEntity): AipView {
  return {
    id: a.id,
    objectId: a.objectId,
    deliveryId: a.deliveryId,
    sipObjid: a.sipObjid,
    informationTypeId: a.informationTypeId,
    sourceSystem: a.sourceSystem,
    tier: a.tier,
    version: a.version,
    storedVersion: a.storedVersion,
    fileCount: a.fileCount,
    totalBytes: Number(a.totalBytes),
    recordCount: a.recordCount,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
  };
}
