import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Action, RequestContext } from '../platform/context';
import type { FormatPolicy } from '@samarkiv/pronom';
import { ValidationService } from './application/validation.service';
import { FormatPolicyService, FormatPolicyView } from './format-policy/format-policy.service';
import { DeliveryService } from './application/delivery.service';
import { ReceiptService } from './application/receipt.service';
import type { DeliveryView } from './application/delivery-view';
import type { SignedReceipt } from './application/receipt.service';
import { CatalogueRebuildService, RebuildOptions, TenantRebuild } from './rebuild/catalogue-rebuild.service';
import { rm, stat } from 'node:fs/promises';
import { QuarantineService } from './pipeline/quarantine.service';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { DeliveryEntity } from './domain/delivery.entity';
import { DeliveryStage } from './domain/delivery-stage';
import type { DeliveryEvent } from './domain/delivery-event';
import { DeliveryRepository } from './infrastructure/delivery.repository';
import { renderReceiptXml } from './application/receipt-xml';

export type { DeliveryView, SignedReceipt, FormatPolicyView, RebuildOptions, TenantRebuild, DeliveryEvent };

/** A delivery as the console lists it: its view, the files unpacked, and its quarantine. */
export interface DeliveryOverview {
  delivery: DeliveryView;
  /** Files in the package, once unpacked. */
  files: number | null;
  quarantine: { until: string | null; purgedAt: string | null } | null;
}

/** The ingest module's public surface: package validation, format policies, deliveries and their receipts. */
@Injectable()
export class IngestFacade {
  constructor(
    private readonly validations: ValidationService,
    private readonly formatPolicies: FormatPolicyService,
    private readonly deliveries: DeliveryService,
    private readonly receipts: ReceiptService,
    private readonly rebuilder: CatalogueRebuildService,
    private readonly quarantine: QuarantineService,
    private readonly deliveryRepository: DeliveryRepository,
    @InjectRepository(DeliveryEntity) private readonly deliveryRows: Repository<DeliveryEntity>,
  ) {}

  /** Operators: recreate the catalogue and the search index from the storage locations alone. */
  rebuildFromStorage(ctx: RequestContext, opts?: RebuildOptions): Promise<TenantRebuild[]> {
    return this.rebuilder.rebuild(ctx, opts);
  }

  getDelivery(ctx: RequestContext, deliveryId: string): Promise<DeliveryView> {
    return this.deliveries.get(ctx, deliveryId);
  }

  /** The signed receipt of a finished delivery (its body and the compact JWS). */
  getReceipt(ctx: RequestContext, deliveryId: string): Promise<SignedReceipt> {
    return this.receipts.get(ctx, deliveryId);
  }

  validateUpload(ctx: RequestContext, contentType: string | undefined, body: Readable) {
    return this.validations.validateUpload(ctx, contentType, body);
  }

  /** The accepted-format policy that applies to the caller's tenant for one information type. */
  formatPolicyFor(ctx: RequestContext, informationTypeId: string): Promise<FormatPolicy> {
    return this.formatPolicies.policyFor(ctx, informationTypeId);
  }

  // The tenant administrator's policies (the REST API and the console share these).
  listFormatPolicies(ctx: RequestContext, tenantId: string): Promise<FormatPolicyView[]> {
    return this.formatPolicies.list(ctx, tenantId);
  }

  setFormatPolicy(ctx: RequestContext, tenantId: string, informationTypeId: string, policy: unknown): Promise<FormatPolicyView> {
    return this.formatPolicies.set(ctx, tenantId, informationTypeId, policy);
  }

  resetFormatPolicy(ctx: RequestContext, tenantId: string, informationTypeId: string): Promise<FormatPolicyView> {
    return this.formatPolicies.reset(ctx, tenantId, informationTypeId);
  }

  /**
   * Disposal: removes whatever a delivery may have left in the tenant's staging and quarantine
   * areas (an interrupted clean-up, a rejected earlier attempt). Returns the areas that held something.
   */
  async removeDeliveryLeftovers(ctx: RequestContext, deliveryId: string): Promise<string[]> {
    const tenantId = ctx.requireTenant();
    const removed: string[] = [];
    for (const [area, dir] of [['staging', this.deliveries.workspace(tenantId, deliveryId).dir], ['quarantine', this.quarantine.quarantineDir(tenantId, deliveryId)]] as const) {
      if (!(await stat(dir).then(() => true, () => false))) continue;
      await rm(dir, { recursive: true, force: true });
      removed.push(area);
    }
    return removed;
  }

  // --- Console ---

  /** The deliveries the caller may read, newest first, with what the console shows about each. */
  async listDeliveryOverviews(ctx: RequestContext, limit: number, offset: number): Promise<{ items: DeliveryOverview[]; total: number }> {
    const { items, total } = await this.deliveries.list(ctx, limit, offset);
    return { items: await Promise.all(items.map((d) => this.overviewOf(ctx, d))), total };
  }

  /** One delivery with its findings, its history and its quarantine. */
  async deliveryDetail(ctx: RequestContext, deliveryId: string): Promise<DeliveryOverview & { events: DeliveryEvent[] }> {
    const entity = await this.deliveries.readable(ctx, deliveryId);
    const [delivery, events] = await Promise.all([this.deliveries.get(ctx, deliveryId), this.deliveryRepository.events(entity.tenantId, deliveryId, 0)]);
    return { delivery, files: filesOf(events), quarantine: quarantineOf(entity), events };
  }

  /** Rejected and failed deliveries whose packages are (or were) kept in quarantine, newest first. */
  async listQuarantined(ctx: RequestContext, limit: number, offset: number): Promise<{ items: DeliveryOverview[]; total: number }> {
    const tenantId = ctx.requireTenant();
    const types = ctx.informationTypesFor(Action.DeliveryRead);
    const [rows, total] = await this.deliveryRows.findAndCount({
      where: { tenantId, informationTypeId: In(types), stage: In([DeliveryStage.Rejected, DeliveryStage.Failed]) },
      order: { completedAt: 'DESC', id: 'ASC' },
      take: Math.min(limit, 200),
      skip: offset,
    });
    return { items: await Promise.all(rows.map(async (r) => this.overviewOf(ctx, await this.deliveries.get(ctx, r.id)))), total };
  }

  /** The signed receipt as XML (the same rendering the REST API answers for Accept: application/xml). */
  async getReceiptXml(ctx: RequestContext, deliveryId: string): Promise<string> {
    return renderReceiptXml(await this.receipts.get(ctx, deliveryId));
  }

  private async overviewOf(ctx: RequestContext, delivery: DeliveryView): Promise<DeliveryOverview> {
    const entity = await this.deliveries.readable(ctx, delivery.id);
    const events = delivery.stage === DeliveryStage.AwaitingUpload ? [] : await this.deliveryRepository.events(entity.tenantId, delivery.id, 0);
    return { delivery, files: filesOf(events), quarantine: quarantineOf(entity) };
  }
}

/** The unpack stage reports how many files the package holds. */
function filesOf(events: DeliveryEvent[]): number | null {
  const unpacked = events.find((e) => e.type === 'stage-completed' && e.stage === DeliveryStage.Unpacking);
  const files = unpacked?.details?.files;
  return typeof files === 'number' ? files : null;
}

function quarantineOf(d: DeliveryEntity): DeliveryOverview['quarantine'] {
  if (d.stage !== DeliveryStage.Rejected && d.stage !== DeliveryStage.Failed) return null;
  return { until: d.quarantineUntil?.toISOString() ?? null, purgedAt: d.purgedAt?.toISOString() ?? null };
}
