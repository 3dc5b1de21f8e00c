import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { JobActor, JobName } from '../../platform/queue/queue-names';
import { runsWorker } from '../../platform/queue/worker-role';
import { Actor } from '../domain/actor';
import { DisposalRepository } from '../infrastructure/disposal.repository';
import { TransferRepository } from '../infrastructure/transfer.repository';

/** The job actor of a stored actor (`<kind>:<id>` and display name). */
export function storedJobActor(actor: Actor): JobActor {
  const at = actor.id.indexOf(':');
  const kind = actor.id.slice(0, at);
  return { kind: kind === 'api-client' || kind === 'system' ? kind : 'user', id: actor.id.slice(at + 1), name: actor.name, correlationId: randomUUID() };
}

/**
 * The database is the outbox of the life cycle's long work: a transfer left `accepting` or a
 * disposal left `executing` must have a job. A request that died between its commit and its
 * enqueue left none; when a worker starts it enqueues one for each (a job that exists, running
 * or failed, is left as it is: BullMQ resumes a stalled one, a person resumes a failed one).
 */
@Injectable()
export class LifecycleResumeService implements OnApplicationBootstrap {
  private readonly logger = new Logger('final-archive');

  constructor(
    private readonly transfers: TransferRepository,
    private readonly disposals: DisposalRepository,
    private readonly jobs: JobQueueService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.moduleRef)) return;
    try {
      const resumed = await this.resume();
      if (resumed > 0) this.logger.log({ resumed }, 'life-cycle work resumed');
    } catch (e) {
      this.logger.error({ err: (e as Error).message }, 'could not look for interrupted life-cycle work');
    }
  }

  /** Enqueues the jobs of interrupted acceptances and executions of every tenant; returns how many it looked at. */
  async resume(): Promise<number> {
    const transfers = await this.transfers.interrupted();
    for (const t of transfers) await this.jobs.enqueue(JobName.TransferAccept, { tenantId: t.tenantId, transferId: t.id, actor: storedJobActor(t.actor) }, t.id);
    const disposals = await this.disposals.interrupted();
    for (const d of disposals) await this.jobs.enqueue(JobName.DisposalExecute, { tenantId: d.tenantId, disposalId: d.id, actor: storedJobActor(d.actor) }, d.id);
    return transfers.length + disposals.length;
  }
}
