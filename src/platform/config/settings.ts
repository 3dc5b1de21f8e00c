import { registerAs } from '@nestjs/config';
import { isAbsolute, resolve } from 'node:path';
import { EnvironmentVariables, NodeEnv, ProcessRole, validateEnvironment } from './env.validation';

/**
 * The only place that reads process.env. Validated once per process; every other piece of
 * code receives typed settings through these namespaces.
 */
let cached: EnvironmentVariables | undefined;

export function environment(): EnvironmentVariables {
  cached ??= validateEnvironment(process.env);
  return cached;
}

/** For tests and the CLI, which set variables before the app boots. */
export function resetEnvironmentCache(): void {
  cached = undefined;
}

const absolute = (p: string) => (isAbsolute(p) ? p : resolve(process.cwd(), p));

export const appConfig = registerAs('app', () => {
  const env = environment();
  return {
    nodeEnv: env.NODE_ENV,
    production: env.NODE_ENV === NodeEnv.Production,
    port: env.PORT,
    host: env.HOST,
    role: env.SAMARKIV_ROLE as ProcessRole,
    logLevel: env.LOG_LEVEL,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    demoMode: env.DEMO_MODE,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    informationTypesDir: absolute(env.INFORMATION_TYPES_DIR),
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = environment();
  return { url: env.DATABASE_URL, migrateOnStart: env.DATABASE_MIGRATE_ON_START, poolSize: env.DATABASE_POOL_SIZE };
});

export const redisConfig = registerAs('redis', () => {
  const env = environment();
  return { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX };
});

export const storageConfig = registerAs('storage', () => {
  const env = environment();
  return { root: absolute(env.STORAGE_ROOT) };
});

export const auditConfig = registerAs('audit', () => {
  const env = environment();
  return { retentionMonths: env.AUDIT_RETENTION_MONTHS, anchorIntervalMinutes: env.AUDIT_ANCHOR_INTERVAL_MINUTES };
});

export type AppConfig = ReturnType<typeof appConfig>;
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
export type RedisConfig = ReturnType<typeof redisConfig>;
export type StorageConfig = ReturnType<typeof storageConfig>;
export type AuditConfig = ReturnType<typeof auditConfig>;
