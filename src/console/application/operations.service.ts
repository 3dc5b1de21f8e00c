import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { RequestContext, Role } from '../../platform/context';
import { HealthService } from '../../platform/health/health.service';
import { QueueName } from '../../platform/queue/queue-names';

export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused: boolean;
}

export interface HealthView {
  ok: boolean;
  checks: Array<{ name: string; up: boolean; message: string | null }>;
}

/** What operators watch: component health and queue depths (no tenant data, no record content). */
@Injectable()
export class OperationsService {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly health: HealthService,
  ) {}

  async healthOf(ctx: RequestContext): Promise<HealthView> {
    ctx.require(Role.Operator);
    let result: HealthCheckResult;
    try {
      result = await this.health.check();
    } catch (err) {
      // Terminus reports a failed check as 503 carrying the same result.
      if (!(err instanceof ServiceUnavailableException)) throw err;
      result = err.getResponse() as HealthCheckResult;
    }
    const details = result.details ?? {};
    return {
      ok: result.status === 'ok',
      checks: Object.entries(details).map(([name, d]) => ({ name, up: d.status === 'up', message: typeof d.message === 'string' ? d.message : null })),
    };
  }

  async queueCounts(ctx: RequestContext): Promise<QueueCounts[]> {
    ctx.require(Role.Operator);
    return Promise.all(
      Object.values(QueueName).map(async (name) => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        return { queue: name, waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0, paused: await queue.isPaused() };
      }),
    );
  }
}
