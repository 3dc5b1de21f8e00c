import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DelayedError, Job, Worker } from 'bullmq';
import { redisConfig } from '../config/settings';
import { redisOptionsFromUrl } from './redis-options';
import { JobRegistry } from './job-registry';
import { CENTRAL_SCOPE, QueueName } from './queue-names';
import { runInTenantScope } from '../database/tenant-scope';

/**
 * Worker role only: one BullMQ worker per queue that dispatches by job name to the registered
 * handler. On shutdown, `close()` waits for active jobs to finish (graceful drain).
 */
@Injectable()
export class JobWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('worker');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly registry: JobRegistry,
    @Inject(redisConfig.KEY) private readonly redis: ConfigType<typeof redisConfig>,
  ) {}

  onApplicationBootstrap(): void {
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(queue, (job, token) => this.dispatch(job, token), {
        connection: redisOptionsFromUrl(this.redis.url),
        prefix: this.redis.queuePrefix,
        concurrency: this.redis.workerConcurrency,
        lockDuration: this.redis.lockDurationMs,
        stalledInterval: this.redis.stalledIntervalMs,
      });
      worker.on('failed', (job, err) => this.logger.warn({ queue, job: job?.name, jobId: job?.id, error: err.name, msg: err.message }, 'job failed'));
      worker.on('error', (err) => this.logger.error({ queue, error: err.message }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.log(`listening on queues: ${Object.values(QueueName).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private async dispatch(job: Job, token?: string): Promise<unknown> {
    const handler = this.registry.handler(job.name);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    const { tenantId } = job.data as { tenantId?: string };
    // A tenant's job sees only that tenant's rows; central maintenance spans all.
    const scope = tenantId === CENTRAL_SCOPE ? null : tenantId;
    const defer = async (delayMs: number): Promise<never> => {
      await job.moveToDelayed(Date.now() + delayMs, token);
      throw new DelayedError();
    };
    return runInTenantScope(scope, () => handler(job.data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1, defer }));
  }
}
