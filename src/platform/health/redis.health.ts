import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { redisConfig } from '../config/settings';
import { redisOptionsFromUrl } from '../queue/redis-options';

@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(redisConfig.KEY) redis: ConfigType<typeof redisConfig>,
  ) {
    this.client = new Redis({ ...redisOptionsFromUrl(redis.url), maxRetriesPerRequest: 1, lazyConnect: true, enableOfflineQueue: false });
    this.client.on('error', () => undefined); // reported through the health check, not as crashes
  }

  async check(key = 'redis') {
    const check = this.indicator.check(key);
    try {
      if (this.client.status === 'wait') await this.client.connect();
      const pong = await this.client.ping();
      return pong === 'PONG' ? check.up() : check.down({ message: 'unexpected PING answer' });
    } catch (err) {
      return check.down({ message: (err as Error).message });
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
