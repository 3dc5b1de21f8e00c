import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER } from './job-handler.decorator';
import { JobName } from './queue-names';

export interface JobMeta {
  jobId: string;
  /** 1 for the first run. */
  attempt: number;
  /** Runs allowed in all (the last one should record a permanent failure). */
  attempts: number;
  /** Puts the job back for `delayMs` without counting an attempt (e.g. no free slot); never returns. */
  defer(delayMs: number): Promise<never>;
}

export type JobHandlerFn = (payload: unknown, meta: JobMeta) => Promise<unknown>;

export class JobRegistryError extends Error {}

/**
 * Finds every @JobHandler at boot and refuses to start unless each job name has exactly one
 * handler: a job nobody handles would wait forever, a job with two would run twice.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandlerFn>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn);
        if (!name) continue;
        found.set(name, [...(found.get(name) ?? []), `${wrapper.name}.${method}`]);
        this.handlers.set(name, (fn as JobHandlerFn).bind(instance));
      }
    }
    checkHandlers(found);
  }

  handler(name: string): JobHandlerFn | undefined {
    return this.handlers.get(name as JobName);
  }
}

export function checkHandlers(found: Map<JobName, string[]>): void {
  const problems: string[] = [];
  for (const name of Object.values(JobName)) {
    const where = found.get(name) ?? [];
    if (where.length === 0) problems.push(`job "${name}" has no handler`);
    if (where.length > 1) problems.push(`job "${name}" has ${where.length} handlers (${where.join(', ')})`);
  }
  if (problems.length > 0) throw new JobRegistryError(`Job handler check failed: ${problems.join('; ')}`);
}
