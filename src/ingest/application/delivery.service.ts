import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Action, RequestContext } from '../../platform/context';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { DeliveryEntity } from '../domain/delivery.entity';
import { DeliveryStage } from '../domain/delivery-stage';
import { DeliveryRepository } from '../infrastructure/delivery.repository';
import { deliveryNotFound, idempotencyConflict, informationTypeNotEnabled, invalidChecksum } from '../ingest.errors';
import { STAGE_JOB } from '../pipeline/stage-jobs';
import { DeliveryView, deliveryView } from './delivery-view';
import { DeliveryWorkspace } from './delivery-workspace';

export interface CreateDeliveryInput {
  informationType: string;
  sourceSystem: string;
  submissionAgreement?: string;
  expectedSize?: number;
  expectedChecksum?: string;
}

const CHECKSUM = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}|md5:[0-9a-f]{32})$/;

/** Announcing a delivery, reading its state, and handing a finished upload to the pipeline. */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly tenancy: TenancyFacade,
    private readonly audit: AuditFacade,
    private readonly jobs: JobQueueService,
  ) {}

  /**
   * The same Idempotency-Key with the same details returns the delivery made the first time
   * (`created: false`); with other details it is refused, so a retried request never makes two.
   */
  async create(ctx: RequestContext, input: CreateDeliveryInput, idempotencyKey?: string): Promise<{ delivery: DeliveryView; created: boolean }> {
    const tenantId = ctx.requireTenant();
    ctx.requireAction(Action.DeliveryCreate, { tenantId, informationTypeId: input.informationType });
    const expectedChecksum = input.expectedChecksum?.toLowerCase() ?? null;
    if (expectedChecksum !== null && !CHECKSUM.test(expectedChecksum)) throw invalidChecksum();
    const requestHash = createHash('sha256')
      .update(JSON.stringify([input.informationType, input.sourceSystem, input.submissionAgreement ?? null, input.expectedSize ?? null, expectedChecksum]))
      .digest('hex');
    if (idempotencyKey) {
      const existing = await this.deliveries.findByIdempotencyKey(tenantId, idempotencyKey);
      if (existing) {
        if (existing.requestHash !== requestHash) throw idempotencyConflict();
        return { delivery: await this.view(existing), created: false };
      }
    }
    const tenant = await this.tenancy.getTenant(ctx, tenantId);
    if (!tenant.informationTypes.includes(input.informationType)) throw informationTypeNotEnabled(input.informationType);
    const id = randomUUID();
    let delivery: DeliveryEntity;
    try {
      delivery = await this.deliveries.insert({
        tenantId,
        id,
        idempotencyKey: idempotencyKey ?? null,
        requestHash,
        createdBy: ctx.requirePrincipal().id,
        informationTypeId: input.informationType,
        sourceSystem: input.sourceSystem,
        submissionAgreement: input.submissionAgreement ?? null,
        expectedSize: input.expectedSize ?? null,
        expectedChecksum,
        stage: DeliveryStage.AwaitingUpload,
        receivedBytes: 0,
        attempt: 0,
      });
    } catch (err) {
      // Two requests with one key at the same moment: the loser answers like a retry.
      if (idempotencyKey && (err as { code?: string }).code === '23505') return this.create(ctx, input, idempotencyKey);
      throw err;
    }
    await this.deliveries.addEvent(tenantId, id, { type: 'created', stage: DeliveryStage.AwaitingUpload, message: 'Delivery announced; waiting for the upload' });
    await this.audit.record(ctx, {
      action: AuditAction.Deliver,
      tenantId,
      informationTypeId: input.informationType,
      details: { deliveryId: id, step: 'announced', sourceSystem: input.sourceSystem, expectedSize: input.expectedSize ?? null },
    });
    return { delivery: await this.view(delivery), created: true };
  }

  async get(ctx: RequestContext, id: string): Promise<DeliveryView> {
    return this.view(await this.readable(ctx, id));
  }

  /** A delivery the caller may read (DeliveryRead on its information type), or not found. */
  async readable(ctx: RequestContext, id: string): Promise<DeliveryEntity> {
    return this.find(ctx, id, Action.DeliveryRead);
  }

  /** A delivery the caller may upload to (DeliveryCreate on its information type), or not found. */
  async uploadable(ctx: RequestContext, id: string): Promise<DeliveryEntity> {
    return this.find(ctx, id, Action.DeliveryCreate);
  }

  async list(ctx: RequestContext, limit = 50, offset = 0): Promise<{ items: DeliveryView[]; total: number }> {
    const tenantId = ctx.requireTenant();
    const types = ctx.informationTypesFor(Action.DeliveryRead);
    const [rows, total] = await this.deliveries.list(tenantId, types, Math.min(limit, 500), offset);
    return { items: await Promise.all(rows.map((d) => this.view(d, false))), total };
  }

  /** The upload is complete: the pipeline takes over. Repeating it is harmless. */
  async uploadFinished(ctx: RequestContext, delivery: DeliveryEntity, bytes: number): Promise<void> {
    const { tenantId, id } = delivery;
    const moved = await this.deliveries.transaction(async (tx) => {
      const ok = await this.deliveries.advance(tx, tenantId, id, DeliveryStage.AwaitingUpload, { stage: DeliveryStage.Unpacking, receivedBytes: bytes });
      if (ok) await this.deliveries.addEvent(tenantId, id, { type: 'received', stage: DeliveryStage.Unpacking, message: `Package received (${bytes} bytes)`, details: { bytes } }, tx);
      return ok;
    });
    if (moved) {
      await this.audit.record(ctx, { action: AuditAction.Deliver, tenantId, informationTypeId: delivery.informationTypeId, details: { deliveryId: id, step: 'received', bytes } });
    }
    await this.jobs.enqueue(STAGE_JOB[DeliveryStage.Unpacking]!, { tenantId, deliveryId: id }, id);
  }

  workspace(tenantId: string, deliveryId: string): DeliveryWorkspace {
    return new DeliveryWorkspace(this.tenancy.tenantAreaPath(tenantId, 'staging'), deliveryId);
  }

  private async find(ctx: RequestContext, id: string, action: Action): Promise<DeliveryEntity> {
    const tenantId = ctx.requireTenant();
    const delivery = await this.deliveries.find(tenantId, id);
    if (!delivery || !ctx.can(action, { tenantId, informationTypeId: delivery.informationTypeId })) throw deliveryNotFound();
    return delivery;
  }

  private async view(d: DeliveryEntity, withFindings = true): Promise<DeliveryView> {
    let received = d.receivedBytes;
    if (d.stage === DeliveryStage.AwaitingUpload && d.uploadLength !== null) {
      received = await stat(this.workspace(d.tenantId, d.id).upload).then((s) => s.size, () => 0);
    }
    return deliveryView(d, received, withFindings ? await this.deliveries.findings(d.tenantId, d.id) : []);
  }
}
