import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { redisConfig } from '../config/settings';
import { redisOptionsFromUrl } from './redis-options';
import { QueueName } from './queue-names';
import { JobRegistry } from './job-registry';
import { JobQueueService } from './job-queue.service';
import { JobWorkerService } from './job-worker.service';

/** Central job defaults: retries with exponential backoff; failed jobs kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: false,
} as const;

@Global()
@Module({})
export class QueueModule {
  static register(options: { worker: boolean }): DynamicModule {
    const providers: Provider[] = [JobRegistry, JobQueueService];
    if (options.worker) providers.push(JobWorkerService);
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [redisConfig.KEY],
          useFactory: (redis: ConfigType<typeof redisConfig>) => ({
            connection: redisOptionsFromUrl(redis.url),
            prefix: redis.queuePrefix,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        ...Object.values(QueueName).map((name) => BullModule.registerQueue({ name })),
      ],
      providers,
      exports: [JobQueueService, BullModule],
    };
  }
}
