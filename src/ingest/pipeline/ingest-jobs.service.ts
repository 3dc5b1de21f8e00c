import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobMeta } from '../../platform/queue/job-registry';
import { jobIdFor, JobQueueService } from '../../platform/queue/job-queue.service';
import { JobWorkerService } from '../../platform/queue/job-worker.service';
import { CENTRAL_SCOPE, DeliveryJobPayload, JobName } from '../../platform/queue/queue-names';
import { DeliveryStage } from '../domain/delivery-stage';
import { DeliveryRepository } from '../infrastructure/delivery.repository';
import { DeliveryWebhookService } from '../application/delivery-webhook.service';
import { BuildAipStage } from './build-aip.stage';
import { CatalogueStage } from './catalogue.stage';
import { CleanStage } from './clean.stage';
import { ExtractStage } from './extract.stage';
import { IdentifyStage } from './identify.stage';
import { QuarantineService } from './quarantine.service';
import { STAGE_JOB } from './stage-jobs';
import { StageRunner } from './stage-runner.service';
import { StoreStage } from './store.stage';
import { UnpackStage } from './unpack.stage';
import { ValidateStage } from './validate.stage';

const HOUR_MS = 3600 * 1000;
const RESUME_EVERY_MS = 5 * 60 * 1000;
/** A delivery untouched this long in a processing stage has probably lost its job. */
const STALLED_AFTER_MS = 15 * 60 * 1000;

/** The ingest pipeline's job handlers: one job per stage per delivery, plus the schedules. */
@Injectable()
export class IngestJobs implements OnApplicationBootstrap {
  constructor(
    private readonly runner: StageRunner,
    private readonly unpack: UnpackStage,
    private readonly validate: ValidateStage,
    private readonly identify: IdentifyStage,
    private readonly extract: ExtractStage,
    private readonly build: BuildAipStage,
    private readonly store: StoreStage,
    private readonly catalogue: CatalogueStage,
    private readonly clean: CleanStage,
    private readonly quarantine: QuarantineService,
    private readonly deliveries: DeliveryRepository,
    private readonly webhooks: DeliveryWebhookService,
    private readonly jobs: JobQueueService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Worker processes keep the schedules (upserting a fixed scheduler id is idempotent) and warm the schema validator. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorker()) return;
    this.validate.warmUp();
    const data = { tenantId: CENTRAL_SCOPE };
    for (const [name, every] of [
      [JobName.IngestQuarantinePurge, HOUR_MS],
      [JobName.IngestResume, RESUME_EVERY_MS],
    ] as const) {
      await this.jobs.queue(name).upsertJobScheduler(name, { every }, { name, data });
    }
  }

  @JobHandler(JobName.IngestUnpack)
  unpackJob(payload: DeliveryJobPayload, meta: JobMeta) {
    return this.runner.run(this.unpack, payload, meta);
  }

  @JobHandler(JobName.IngestValidate)
  validateJob(payload: DeliveryJobPayload, meta: JobMeta) {
    return this.runner.run(this.validate, payload, meta);
  }

  @JobHandler(JobName.IngestIdentify)
  identifyJob(payload: DeliveryJobPayload, meta: JobMeta) {
    return this.runner.run(this.identify, payload, meta);
  }

  @JobHandler(JobName.IngestExtract)
  extractJob(payload: DeliveryJobPayload, meta: JobMeta) {
    return this.runner.run(this.extract, payload, meta);
  }

  @JobHandler(JobName.IngestBuild)
  buildJob(payload: DeliveryJobPayload, meta: JobMeta) {
    return this.runner.run(this.build, payload, meta);
  }

  @JobHandler(JobName.IngestStore)
  storeJob(payload: DeliveryJobPayload, meta: JobMeta) {
    return this.runner.run(this.store, payload, meta);
  }

  @JobHandler(JobName.IngestCatalogue)
  catalogueJob(payload: DeliveryJobPayload, meta: JobMeta) {
    return this.runner.run(this.catalogue, payload, meta);
  }

  /** Accepted deliveries: the last stage. Rejected or failed ones: their package goes to quarantine. */
  @JobHandler(JobName.IngestClean)
  async cleanJob(payload: DeliveryJobPayload, meta: JobMeta) {
    const delivery = await this.deliveries.find(payload.tenantId, payload.deliveryId);
    if (delivery && this.quarantine.isQuarantinable(delivery)) {
      await this.quarantine.quarantine(delivery);
      return { quarantined: true };
    }
    return this.runner.run(this.clean, payload, meta);
  }

  /** Posts a finished delivery's outcome to its API client's webhook (retried with backoff). */
  @JobHandler(JobName.IngestWebhook)
  async webhookJob(payload: DeliveryJobPayload) {
    const delivery = await this.deliveries.find(payload.tenantId, payload.deliveryId);
    return delivery ? this.webhooks.notify(delivery) : { sent: false };
  }

  @JobHandler(JobName.IngestQuarantinePurge)
  purgeJob() {
    return this.quarantine.purgeExpired();
  }

  /** Re-enqueues the stage job of deliveries that stopped moving (e.g. the queue lost the job). */
  @JobHandler(JobName.IngestResume)
  async resumeJob(): Promise<{ resumed: number }> {
    const stalled = await this.deliveries.stalled(new Date(Date.now() - STALLED_AFTER_MS), 500);
    let resumed = 0;
    for (const d of stalled) {
      const name = STAGE_JOB[d.stage as DeliveryStage];
      if (!name) continue;
      const job = await this.jobs.queue(name).getJob(jobIdFor(name, d.tenantId, d.id));
      const state = job ? await job.getState() : 'missing';
      if (state === 'failed' && job) await job.retry();
      else if (state === 'missing' || state === 'completed') {
        if (job) await job.remove();
        await this.jobs.enqueue(name, { tenantId: d.tenantId, deliveryId: d.id }, d.id);
      } else continue;
      resumed++;
    }
    return { resumed };
  }

  private runsWorker(): boolean {
    try {
      this.moduleRef.get(JobWorkerService, { strict: false });
      return true;
    } catch {
      return false;
    }
  }
}
