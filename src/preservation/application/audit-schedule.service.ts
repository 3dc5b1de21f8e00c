import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { preservationConfig } from '../../platform/config/settings';
import { RequestContext } from '../../platform/context';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { runsWorker } from '../../platform/queue/worker-role';
import { CENTRAL_SCOPE, JobName, JobPayloads } from '../../platform/queue/queue-names';
import { AuditRunResult, FixityAuditService } from './fixity-audit.service';

const SCHEDULER_PREFIX = `${JobName.PreservationAudit}.`;

/** One repeatable audit job per configured location; worker processes keep the schedules. */
@Injectable()
export class AuditScheduleService implements OnApplicationBootstrap {
  constructor(
    private readonly audits: FixityAuditService,
    private readonly jobs: JobQueueService,
    private readonly moduleRef: ModuleRef,
    @Inject(preservationConfig.KEY) private readonly config: ConfigType<typeof preservationConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.moduleRef)) return;
    const queue = this.jobs.queue(JobName.PreservationAudit);
    const wanted = new Set(this.config.locations.map((l) => `${SCHEDULER_PREFIX}${l.name}`));
    // Upserting by a fixed scheduler id is idempotent across processes and restarts.
    for (const l of this.config.locations) {
      const data: JobPayloads[JobName.PreservationAudit] = { tenantId: CENTRAL_SCOPE, location: l.name };
      await queue.upsertJobScheduler(`${SCHEDULER_PREFIX}${l.name}`, { every: this.config.auditIntervalMs }, { name: JobName.PreservationAudit, data });
    }
    for (const s of await queue.getJobSchedulers()) {
      if (s.key.startsWith(SCHEDULER_PREFIX) && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
    }
  }

  /** A slice of the location's audit; a second job for the same location while one runs is skipped (lease). */
  @JobHandler(JobName.PreservationAudit)
  async auditJob(payload: JobPayloads[JobName.PreservationAudit], meta: { jobId: string }): Promise<AuditRunResult> {
    return this.audits.run(RequestContext.system(`preservation-audit:${meta.jobId}`), payload.location, { trigger: 'schedule', repair: true });
  }
}
