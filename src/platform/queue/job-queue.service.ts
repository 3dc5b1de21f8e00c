import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads } from './queue-names';

/**
 * The way modules enqueue work. Job ids are deterministic (name + business key) so that
 * enqueueing the same work twice is harmless: BullMQ keeps one job per id.
 */
@Injectable()
export class JobQueueService {
  constructor(private readonly moduleRef: ModuleRef) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], key: string): Promise<string> {
    const jobId = jobIdFor(name, payload.tenantId, key);
    await this.queue(name).add(name, payload, { jobId });
    return jobId;
  }

  /**
   * As `enqueue`, but a job of that id that already finished or failed for good is replaced, so
   * that work which must resume (e.g. after its retries ran out) runs again. A waiting, delayed
   * or active job of that id is left alone: the work is already under way.
   */
  async enqueueAgain<N extends JobName>(name: N, payload: JobPayloads[N], key: string): Promise<string> {
    const jobId = jobIdFor(name, payload.tenantId, key);
    const queue = this.queue(name);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'completed' || state === 'failed') await existing.remove();
    }
    await queue.add(name, payload, { jobId });
    return jobId;
  }

  queue(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }
}

/** BullMQ forbids ':' in custom ids; keep them readable and tenant-scoped. */
export function jobIdFor(name: JobName, tenantId: string, key: string): string {
  return `${name}.${tenantId}.${key}`.replace(/[^A-Za-z0-9._-]/g, '_');
}
