import { Provider } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { redisConfig } from '../../platform/config/settings';
import { redisOptionsFromUrl } from '../../platform/queue/redis-options';

export const AUTH_REDIS = Symbol('AUTH_REDIS');

/** Sessions, SAML request ids and the assertion replay cache, under the installation's prefix. */
export const authRedisProvider: Provider = {
  provide: AUTH_REDIS,
  inject: [redisConfig.KEY],
  useFactory: (redis: ConfigType<typeof redisConfig>) =>
    new Redis({ ...redisOptionsFromUrl(redis.url), maxRetriesPerRequest: 2, keyPrefix: `${redis.queuePrefix}:auth:` }),
};
