import { registerAs } from '@nestjs/config';
import { isAbsolute, join, resolve } from 'node:path';
import { packageRoot } from '../paths';
import { EnvironmentVariables, NodeEnv, ProcessRole, validateEnvironment } from './env.validation';
import { parseStorageLocations } from './storage-locations';

export type Settings = EnvironmentVariables;

/**
 * The only place that reads process.env. Validated once per process; every other piece of
 * code receives typed settings through these namespaces.
 */
let cached: EnvironmentVariables | undefined;

export function environment(): EnvironmentVariables {
  cached ??= validateEnvironment(process.env);
  return cached;
}

/**
 * Offline tools (identify, validate) need no database or Redis: validate everything else, with
 * placeholders for the two service URLs when they are unset.
 */
export function offlineEnvironment(): EnvironmentVariables {
  return validateEnvironment({ DATABASE_URL: 'postgres://offline/none', REDIS_URL: 'redis://offline', ...process.env });
}

/** For tests and the CLI, which set variables before the app boots. */
export function resetEnvironmentCache(): void {
  cached = undefined;
}

const absolute = (p: string) => (isAbsolute(p) ? p : resolve(process.cwd(), p));
/** Configuration shipped with Samarkiv (information types, mappings) is found from the installation, whatever the working folder. */
const shipped = (p: string) => (isAbsolute(p) ? p : resolve(packageRoot(), p));

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
    informationTypesDir: shipped(env.INFORMATION_TYPES_DIR),
    mappingsDir: shipped(env.MAPPINGS_DIR),
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = environment();
  return { url: env.DATABASE_URL, migrateOnStart: env.DATABASE_MIGRATE_ON_START, poolSize: env.DATABASE_POOL_SIZE, appRole: env.DATABASE_APP_ROLE || null };
});

export const redisConfig = registerAs('redis', () => {
  const env = environment();
  return { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX, lockDurationMs: env.QUEUE_LOCK_DURATION_MS, stalledIntervalMs: env.QUEUE_STALLED_INTERVAL_MS, workerConcurrency: env.QUEUE_WORKER_CONCURRENCY };
});

export const storageConfig = registerAs('storage', () => {
  const env = environment();
  return { root: absolute(env.STORAGE_ROOT) };
});

export const authConfig = registerAs('auth', () => {
  const env = environment();
  const production = env.NODE_ENV === NodeEnv.Production;
  return {
    publicBaseUrl: (env.PUBLIC_BASE_URL || `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    sessionIdleSeconds: env.SESSION_IDLE_TIMEOUT_MINUTES * 60,
    sessionAbsoluteSeconds: env.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600,
    cookieSecure: env.SESSION_COOKIE_SECURE === '' ? production : env.SESSION_COOKIE_SECURE,
    spKeyFile: env.SAML_SP_KEY_FILE ? absolute(env.SAML_SP_KEY_FILE) : null,
    spCertFile: env.SAML_SP_CERT_FILE ? absolute(env.SAML_SP_CERT_FILE) : null,
    clockSkewMs: env.SAML_CLOCK_SKEW_SECONDS * 1000,
    rotationOverlapMs: env.API_CLIENT_ROTATION_OVERLAP_HOURS * 3600 * 1000,
    apiClientTtlDays: env.API_CLIENT_DEFAULT_TTL_DAYS,
    demoMode: env.DEMO_MODE,
  };
});

/** Format identification settings, usable without the services. */
export function formatSettings(env: EnvironmentVariables = offlineEnvironment()) {
  return {
    signatureFile: env.PRONOM_SIGNATURE_FILE ? absolute(env.PRONOM_SIGNATURE_FILE) : undefined,
    containerSignatureFile: env.PRONOM_CONTAINER_SIGNATURE_FILE ? absolute(env.PRONOM_CONTAINER_SIGNATURE_FILE) : undefined,
    cacheDir: absolute(env.PRONOM_CACHE_DIR),
    schemaCatalog: env.XML_SCHEMA_CATALOG ? absolute(env.XML_SCHEMA_CATALOG) : undefined,
    maxValidationUploadBytes: env.VALIDATION_MAX_UPLOAD_BYTES,
  };
}

export const ingestConfig = registerAs('ingest', () => {
  const env = environment();
  return {
    maxPackageBytes: env.INGEST_MAX_PACKAGE_BYTES,
    stagingQuotaBytes: env.INGEST_STAGING_QUOTA_BYTES,
    quarantineDays: env.INGEST_QUARANTINE_DAYS,
    tenantConcurrency: env.INGEST_TENANT_CONCURRENCY,
    duplicateObjid: env.INGEST_DUPLICATE_OBJID,
    receiptKeyFile: env.RECEIPT_SIGNING_KEY_FILE ? absolute(env.RECEIPT_SIGNING_KEY_FILE) : join(absolute(env.STORAGE_ROOT), 'keys', 'receipt-signing-key.pem'),
    receiptKeyGenerated: env.RECEIPT_SIGNING_KEY_FILE === '',
  };
});

export type IngestConfig = ReturnType<typeof ingestConfig>;
export type AuthConfig = ReturnType<typeof authConfig>;
export const auditConfig = registerAs('audit', () => {
  const env = environment();
  return { retentionMonths: env.AUDIT_RETENTION_MONTHS, anchorIntervalMinutes: env.AUDIT_ANCHOR_INTERVAL_MINUTES };
});

/** Archival storage locations and the fixity-audit pace (the preservation module). */
export const preservationConfig = registerAs('preservation', () => {
  const env = environment();
  const credentials = env.STORAGE_S3_ACCESS_KEY_ID ? { accessKeyId: env.STORAGE_S3_ACCESS_KEY_ID, secretAccessKey: env.STORAGE_S3_SECRET_ACCESS_KEY } : undefined;
  return {
    locations: parseStorageLocations(env.STORAGE_LOCATIONS, absolute(env.STORAGE_ROOT)),
    s3Credentials: credentials,
    minCopies: env.STORAGE_MIN_COPIES,
    auditCycleMs: env.STORAGE_AUDIT_CYCLE_DAYS * 24 * 3600 * 1000,
    auditBytesPerSecond: env.STORAGE_AUDIT_BYTES_PER_SECOND,
    auditIntervalMs: env.STORAGE_AUDIT_INTERVAL_MINUTES * 60_000,
  };
});

export const finalArchiveConfig = registerAs('finalArchive', () => {
  const env = environment();
  return {
    retentionScanIntervalMs: env.RETENTION_SCAN_INTERVAL_MINUTES * 60_000,
    /** Exports of transfers: `<exportRoot>/<tenant>/<export id>/`. */
    exportRoot: env.STORAGE_EXPORT_ROOT ? absolute(env.STORAGE_EXPORT_ROOT) : join(absolute(env.STORAGE_ROOT), 'exports'),
    exportRetentionDays: env.RETENTION_EXPORT_DAYS,
  };
});

export type AppConfig = ReturnType<typeof appConfig>;
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
export type RedisConfig = ReturnType<typeof redisConfig>;
export type StorageConfig = ReturnType<typeof storageConfig>;
export type AuditConfig = ReturnType<typeof auditConfig>;
export type PreservationConfig = ReturnType<typeof preservationConfig>;
