import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { RequestContext } from '../platform/context';
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

export type { DeliveryView, SignedReceipt, FormatPolicyView, RebuildOptions, TenantRebuild };

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
}
