import { Injectable, Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { RequestContext } from '../../platform/context';
import { JobMeta } from '../../platform/queue/job-registry';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { DeliveryJobPayload, JobName } from '../../platform/queue/queue-names';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { DeliveryService } from '../application/delivery.service';
import { IngestPolicyService } from '../application/ingest-policy.service';
import { ReceiptService } from '../application/receipt.service';
import { DeliveryEntity } from '../domain/delivery.entity';
import { DeliveryFinding, hasErrors, IngestFindingCode } from '../domain/delivery-finding';
import { DeliveryStage, isPast, nextStage, TERMINAL_STAGES } from '../domain/delivery-stage';
import { DeliveryRepository } from '../infrastructure/delivery.repository';
import { readUnpackState } from './stage-state';
import { PipelineStage, StageOutcome } from './pipeline-stage';
import { STAGE_JOB } from './stage-jobs';
import { TenantSlots } from './tenant-slots';

const SLOT_RETRY_MS = 2000;
const DAY_MS = 24 * 3600 * 1000;
/** Which worker process ran a stage (host and pid), for operators of several workers. */
const WORKER = `${hostname()}:${process.pid}`;

/**
 * Runs one stage of one delivery as one job: skips work already done, holds a tenant slot, stores
 * the stage's findings and moves the delivery on in one transaction, then enqueues the next
 * stage (deterministic job id, so a repeat is harmless). Errors in the package end the delivery
 * as rejected with a signed receipt; a stage that keeps failing for internal reasons ends it as
 * failed with a finding that says so, never with the error text.
 */
@Injectable()
export class StageRunner {
  private readonly logger = new Logger('ingest');

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly deliveryService: DeliveryService,
    private readonly receipts: ReceiptService,
    private readonly policies: IngestPolicyService,
    private readonly slots: TenantSlots,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditFacade,
  ) {}

  async run(stage: PipelineStage, payload: DeliveryJobPayload, meta: JobMeta): Promise<{ stage: string; skipped?: boolean }> {
    const { tenantId, deliveryId } = payload;
    const ctx = RequestContext.job(tenantId, meta.jobId);
    const delivery = await this.deliveries.find(tenantId, deliveryId);
    if (!delivery) return { stage: stage.stage, skipped: true };
    if (delivery.stage !== stage.stage) {
      // Done before (a crash came between the move and the next enqueue): make sure the next job exists.
      if (isPast(delivery.stage, stage.stage)) await this.enqueueFor(delivery);
      return { stage: stage.stage, skipped: true };
    }
    const policy = await this.policies.effective(tenantId);
    // A delivery waits for one of its tenant's turns before its first stage, and keeps it to the end.
    if (!delivery.startedAt && !(await this.deliveries.admit(tenantId, deliveryId, policy.maxConcurrentDeliveries))) return meta.defer(SLOT_RETRY_MS);
    const release = await this.slots.acquire(tenantId, policy.maxConcurrentDeliveries);
    if (!release) return meta.defer(SLOT_RETRY_MS);
    try {
      await this.deliveries.addEvent(tenantId, deliveryId, { type: 'stage-started', stage: stage.stage, message: `${stage.stage} started`, details: { attempt: meta.attempt, worker: WORKER } });
      const ws = this.deliveryService.workspace(tenantId, deliveryId);
      let outcome: StageOutcome;
      try {
        outcome = await stage.run({ ctx, delivery, ws });
      } catch (err) {
        if (meta.attempt >= meta.attempts) await this.fail(ctx, delivery, stage.stage, err);
        throw err;
      }
      if (hasErrors(outcome.findings)) await this.reject(ctx, delivery, stage.stage, outcome.findings, policy.quarantineDays);
      else await this.advance(ctx, delivery, stage.stage, outcome);
      return { stage: stage.stage };
    } finally {
      await release();
    }
  }

  private async advance(ctx: RequestContext, delivery: DeliveryEntity, stage: DeliveryStage, outcome: StageOutcome): Promise<void> {
    const { tenantId, id } = delivery;
    const next = nextStage(stage);
    const finished = next === DeliveryStage.Accepted;
    const moved = await this.deliveries.transaction(async (tx) => {
      await this.deliveries.replaceFindings(tx, tenantId, id, stage, outcome.findings);
      await outcome.inTransaction?.(tx);
      const ok = await this.deliveries.advance(tx, tenantId, id, stage, {
        ...outcome.changes,
        stage: next,
        ...(finished ? { outcome: 'accepted' as const, completedAt: new Date() } : {}),
      });
      if (!ok) throw new Error('delivery moved on while the stage ran');
      await this.deliveries.addEvent(tenantId, id, { type: 'stage-completed', stage, message: outcome.summary, details: outcome.details }, tx);
      if (finished) await this.deliveries.addEvent(tenantId, id, { type: 'accepted', stage: next, message: 'Delivery accepted and archived' }, tx);
      return ok;
    });
    if (!moved) return;
    await this.audit.record(ctx, {
      action: AuditAction.Deliver,
      tenantId,
      informationTypeId: delivery.informationTypeId,
      details: { deliveryId: id, step: stage, ...(finished ? { result: 'accepted' } : {}), warnings: outcome.findings.filter((f) => f.severity === 'warning').length },
    });
    await this.enqueueFor({ ...delivery, stage: next });
    if (finished) await this.notify(delivery);
  }

  private notify(delivery: Pick<DeliveryEntity, 'tenantId' | 'id'>): Promise<string> {
    return this.jobs.enqueue(JobName.IngestWebhook, { tenantId: delivery.tenantId, deliveryId: delivery.id }, delivery.id);
  }

  /** Errors a producer must fix: the delivery ends here with a signed rejection receipt; the package goes to quarantine. */
  private async reject(ctx: RequestContext, delivery: DeliveryEntity, stage: DeliveryStage, findings: DeliveryFinding[], quarantineDays: number): Promise<void> {
    const { tenantId, id } = delivery;
    const ws = this.deliveryService.workspace(tenantId, id);
    const unpacked = await readUnpackState(ws).catch(() => undefined);
    await this.deliveries.transaction(async (tx) => {
      await this.deliveries.replaceFindings(tx, tenantId, id, stage, findings);
      const ok = await this.deliveries.advance(tx, tenantId, id, stage, {
        stage: DeliveryStage.Rejected,
        outcome: 'rejected',
        completedAt: new Date(),
        quarantineUntil: new Date(Date.now() + quarantineDays * DAY_MS),
      });
      if (!ok) throw new Error('delivery moved on while the stage ran');
      const all = await this.deliveries.findings(tenantId, id, tx);
      const sip = { objid: delivery.sipObjid, kind: delivery.sipKind, bytes: delivery.uploadLength, sha256: unpacked?.sha256 ?? null };
      await this.receipts.issue(tx, delivery, 'rejected', all, sip, null);
      const errors = findings.filter((f) => f.severity === 'error').length;
      await this.deliveries.addEvent(tenantId, id, { type: 'rejected', stage, message: `Delivery rejected at ${stage}: ${errors} error(s)`, details: { errors } }, tx);
    });
    await this.audit.record(ctx, {
      action: AuditAction.Deliver,
      outcome: AuditOutcome.Refused,
      tenantId,
      informationTypeId: delivery.informationTypeId,
      details: { deliveryId: id, step: stage, result: 'rejected', errors: findings.filter((f) => f.severity === 'error').map((f) => f.code).slice(0, 20) },
    });
    await this.jobs.enqueue(JobName.IngestClean, { tenantId, deliveryId: id }, id);
    await this.notify(delivery);
  }

  /** The last attempt failed for a reason inside the archive: say so without internals; staging is kept for the operators. */
  private async fail(ctx: RequestContext, delivery: DeliveryEntity, stage: DeliveryStage, err: unknown): Promise<void> {
    const { tenantId, id } = delivery;
    this.logger.error({ deliveryId: id, tenantId, stage, error: err instanceof Error ? err.name : 'unknown' }, 'ingest stage failed for good');
    const problem: DeliveryFinding = {
      stage,
      code: IngestFindingCode.Internal,
      severity: 'error',
      location: '',
      message: `The archive could not finish the ${stage} step. Nothing is archived; the operators have been alerted. Deliver the package again later, or quote delivery ${id} to the archive.`,
    };
    await this.deliveries.transaction(async (tx) => {
      await this.deliveries.replaceFindings(tx, tenantId, id, stage, [problem]);
      if (await this.deliveries.advance(tx, tenantId, id, stage, { stage: DeliveryStage.Failed, outcome: 'failed', completedAt: new Date() })) {
        await this.deliveries.addEvent(tenantId, id, { type: 'failed', stage, message: problem.message }, tx);
      }
    });
    await this.audit.record(ctx, { action: AuditAction.Deliver, outcome: AuditOutcome.Failed, tenantId, informationTypeId: delivery.informationTypeId, details: { deliveryId: id, step: stage, result: 'failed' } });
    await this.notify(delivery);
  }

  private async enqueueFor(delivery: Pick<DeliveryEntity, 'tenantId' | 'id' | 'stage'>): Promise<void> {
    const job = delivery.stage === DeliveryStage.Rejected ? JobName.IngestClean : STAGE_JOB[delivery.stage];
    if (job) await this.jobs.enqueue(job, { tenantId: delivery.tenantId, deliveryId: delivery.id }, delivery.id);
    // The outcome's notification is idempotent too (one job id per delivery).
    if (TERMINAL_STAGES.has(delivery.stage)) await this.notify(delivery);
  }
}
