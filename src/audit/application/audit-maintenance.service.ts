import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { auditConfig } from '../../platform/config/settings';
import { RequestContext, Role } from '../../platform/context';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { JobWorkerService } from '../../platform/queue/job-worker.service';
import { CENTRAL_SCOPE, JobName } from '../../platform/queue/queue-names';
import { AuditAction } from '../domain/audit-action';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { AuditLogService } from './audit-log.service';

/** Months created ahead of time, so that an append never meets a missing partition. */
const MONTHS_AHEAD = 3;
const DAY_MS = 24 * 3600 * 1000;

export const startOfMonthUtc = (d: Date, plusMonths = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + plusMonths, 1));

/** Partitions ahead, periodic anchors of chain heads, retention by whole partitions. */
@Injectable()
export class AuditMaintenanceService implements OnApplicationBootstrap {
  private readonly logger = new Logger('audit');

  constructor(
    private readonly log: AuditLogRepository,
    private readonly audit: AuditLogService,
    private readonly jobs: JobQueueService,
    private readonly moduleRef: ModuleRef,
    @Inject(auditConfig.KEY) private readonly config: ConfigType<typeof auditConfig>,
  ) {}

  /** Every process makes sure this month's partition exists; worker processes also keep the schedules. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ensurePartitions();
    if (!this.runsWorker()) return;
    const data = { tenantId: CENTRAL_SCOPE };
    const schedule: Array<[JobName, number]> = [
      [JobName.AuditPartitions, DAY_MS],
      [JobName.AuditAnchor, this.config.anchorIntervalMinutes * 60_000],
      [JobName.AuditRetention, DAY_MS],
    ];
    // Upserting by a fixed scheduler id is idempotent across processes and restarts.
    for (const [name, every] of schedule) await this.jobs.queue(name).upsertJobScheduler(name, { every }, { name, data });
  }

  @JobHandler(JobName.AuditPartitions)
  async ensurePartitions(): Promise<{ partitions: string[] }> {
    const now = new Date();
    const partitions: string[] = [];
    for (let i = 0; i <= MONTHS_AHEAD; i++) partitions.push(await this.log.ensurePartition(startOfMonthUtc(now, i)));
    return { partitions };
  }

  @JobHandler(JobName.AuditAnchor)
  async anchorJob(): Promise<{ anchored: number }> {
    return { anchored: await this.log.anchorHeads() };
  }

  @JobHandler(JobName.AuditRetention)
  async retentionJob(): Promise<{ dropped: string[] }> {
    return this.applyRetention(RequestContext.system('audit-retention'));
  }

  /** Anchors every chain head now (operators; also what the periodic job does). */
  async anchorNow(ctx: RequestContext): Promise<number> {
    ctx.require(Role.Operator);
    return this.log.anchorHeads();
  }

  /**
   * Drops the monthly partitions that lie entirely before now − retention; the database anchors the
   * last entry of every chain in each before dropping it. The drop itself is logged centrally.
   */
  async applyRetention(ctx: RequestContext, now = new Date()): Promise<{ dropped: string[] }> {
    ctx.require(Role.Operator);
    const cutoff = startOfMonthUtc(now, -this.config.retentionMonths);
    const dropped = await this.log.dropPartitionsBefore(cutoff);
    if (dropped.length > 0) {
      this.logger.log({ dropped }, 'audit partitions past retention dropped');
      await this.audit.record(ctx, { action: AuditAction.LogMaintenance, tenantId: null, details: { retentionDropped: dropped, cutoff: cutoff.toISOString() } });
    }
    return { dropped };
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
