import { plainToInstance } from 'class-transformer';
import { parseStorageLocations } from './storage-locations';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

export enum ProcessRole {
  Api = 'api',
  Worker = 'worker',
  All = 'all',
}

export enum LogLevel {
  Fatal = 'fatal',
  Error = 'error',
  Warn = 'warn',
  Info = 'info',
  Debug = 'debug',
  Trace = 'trace',
  Silent = 'silent',
}

/**
 * Every environment variable Samarkiv reads, validated once at start-up.
 * `.env.example` documents each one; an unknown SAMARKIV_* variable is refused so typos surface.
 */
export class EnvironmentVariables {
  @IsOptional() @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT: number = 3000;

  @IsOptional() @IsString()
  HOST: string = '0.0.0.0';

  @IsOptional() @IsEnum(ProcessRole)
  SAMARKIV_ROLE: ProcessRole = ProcessRole.All;

  @IsString() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL, e.g. postgres://user@host:5432/samarkiv' })
  DATABASE_URL!: string;

  @IsOptional() @IsBoolean()
  DATABASE_MIGRATE_ON_START: boolean = true;

  @IsOptional() @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  /**
   * The restricted role the running app switches to after connecting (migrations keep the
   * connecting user). Empty: stay the connecting user (then row-level security does not apply
   * to a superuser or table owner).
   */
  @IsOptional() @Matches(/^([a-z_][a-z0-9_]{0,62})?$/, { message: 'must be a PostgreSQL role name or empty' })
  DATABASE_APP_ROLE: string = 'samarkiv_app';

  @IsString() @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  REDIS_URL!: string;

  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX: string = 'samarkiv';

  /** How long a worker holds a job before another may take it over if the worker died (ms). */
  @IsOptional() @IsInt() @Min(1000) @Max(600_000)
  QUEUE_LOCK_DURATION_MS: number = 30_000;

  /** How often workers look for jobs whose worker died (ms). */
  @IsOptional() @IsInt() @Min(500) @Max(600_000)
  QUEUE_STALLED_INTERVAL_MS: number = 30_000;

  /**
   * Jobs each worker process runs at once per queue. Keep the worker capacity (processes × this)
   * above INGEST_TENANT_CONCURRENCY, so that a region at its limit leaves workers for the others.
   */
  @IsOptional() @IsInt() @Min(1) @Max(64)
  QUEUE_WORKER_CONCURRENCY: number = 4;

  @IsOptional() @IsEnum(LogLevel)
  LOG_LEVEL: LogLevel = LogLevel.Info;

  @IsOptional() @IsString()
  STORAGE_ROOT: string = './var/storage';

  @IsOptional() @IsString()
  INFORMATION_TYPES_DIR: string = './config/information-types';

  /** Source-format mappings per information type (config/mappings/<type>/*.yaml). */
  @IsOptional() @IsString()
  MAPPINGS_DIR: string = './config/mappings';

  @IsOptional() @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 300;

  @IsOptional() @IsBoolean()
  DEMO_MODE: boolean = false;

  @IsOptional() @IsInt() @Min(1000)
  SHUTDOWN_TIMEOUT_MS: number = 30000;

  /** The address users and identity providers reach us at; SAML entity ids and URLs derive from it. */
  @ValidateIf((o: EnvironmentVariables) => o.PUBLIC_BASE_URL !== '') @IsString() @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL without a trailing path, e.g. https://samarkiv.example.se' })
  PUBLIC_BASE_URL: string = '';

  @IsOptional() @IsInt() @Min(1) @Max(24 * 60)
  SESSION_IDLE_TIMEOUT_MINUTES: number = 30;

  @IsOptional() @IsInt() @Min(1) @Max(24 * 7)
  SESSION_ABSOLUTE_TIMEOUT_HOURS: number = 10;

  /** Secure cookies; on unless explicitly off, except outside production where HTTP is common. */
  @ValidateIf((o: EnvironmentVariables) => o.SESSION_COOKIE_SECURE !== '') @IsBoolean()
  SESSION_COOKIE_SECURE: boolean | '' = '';

  /** PEM files of the service provider's key pair (signs AuthnRequests, decrypts assertions). */
  @IsOptional() @IsString()
  SAML_SP_KEY_FILE: string = '';

  @IsOptional() @IsString()
  SAML_SP_CERT_FILE: string = '';

  @IsOptional() @IsInt() @Min(0) @Max(600)
  SAML_CLOCK_SKEW_SECONDS: number = 60;

  @IsOptional() @IsInt() @Min(0) @Max(24 * 30)
  API_CLIENT_ROTATION_OVERLAP_HOURS: number = 24;

  @IsOptional() @IsInt() @Min(1) @Max(3650)
  API_CLIENT_DEFAULT_TTL_DAYS: number = 365;

  /** PRONOM signature files (DROID_SignatureFile_V*.xml, container-signature-*.xml); built-in table when unset. */
  @IsOptional() @IsString()
  PRONOM_SIGNATURE_FILE: string = '';

  @IsOptional() @IsString()
  PRONOM_CONTAINER_SIGNATURE_FILE: string = '';

  /** OASIS XML catalog mapping schema URLs to local copies (METS, PREMIS, EAD, …); offline only. */
  @IsOptional() @IsString()
  XML_SCHEMA_CATALOG: string = '';

  /** Largest package accepted by POST /api/v1/validations, in bytes. */
  @IsOptional() @IsInt() @Min(1024)
  VALIDATION_MAX_UPLOAD_BYTES: number = 2 * 1024 * 1024 * 1024;

  /** Where compiled signature files are cached (keyed by the files' hashes). */
  @IsOptional() @IsString()
  PRONOM_CACHE_DIR: string = './var/cache/pronom';

  /** Largest package a delivery may announce, in bytes (a tenant's ingest policy may set its own). */
  @IsOptional() @IsInt() @Min(1024)
  INGEST_MAX_PACKAGE_BYTES: number = 50 * 1024 ** 3;

  /** Bytes one tenant's unfinished deliveries may hold in its staging area at once. */
  @IsOptional() @IsInt() @Min(1024)
  INGEST_STAGING_QUOTA_BYTES: number = 500 * 1024 ** 3;

  /** Days a rejected package is kept in quarantine (for the archivist) before it is purged. */
  @IsOptional() @IsInt() @Min(0) @Max(3650)
  INGEST_QUARANTINE_DAYS: number = 30;

  /** Deliveries of one tenant processed at the same time (the rest wait their turn), so one region cannot hold every worker. */
  @IsOptional() @IsInt() @Min(1) @Max(64)
  INGEST_TENANT_CONCURRENCY: number = 2;

  /** What a SIP OBJID that is already archived becomes, unless the tenant's policy says otherwise. */
  @IsOptional() @IsIn(['reject', 'new-version'])
  INGEST_DUPLICATE_OBJID: 'reject' | 'new-version' = 'reject';

  /** PEM private key (EC P-256 or Ed25519) that signs receipts; generated under STORAGE_ROOT/keys when unset (not in production). */
  @IsOptional() @IsString()
  RECEIPT_SIGNING_KEY_FILE: string = '';

  /** Patientdatalagen and HSLF-FS 2016:40 require at least five years. */
  @IsOptional() @IsInt() @Min(60, { message: 'must be at least 60 (the law keeps access logs at least five years)' }) @Max(1200)
  AUDIT_RETENTION_MONTHS: number = 60;

  @IsOptional() @IsInt() @Min(1) @Max(1440)
  AUDIT_ANCHOR_INTERVAL_MINUTES: number = 60;

  /** Archival storage locations, `name=url` comma-separated (file:// or s3://); default two folders under STORAGE_ROOT. */
  @IsOptional() @IsString()
  STORAGE_LOCATIONS: string = '';

  /** Credentials for the s3:// locations; unset = the AWS SDK's default chain (AWS_* variables, instance roles). */
  @IsOptional() @IsString()
  STORAGE_S3_ACCESS_KEY_ID: string = '';

  @IsOptional() @IsString()
  STORAGE_S3_SECRET_ACCESS_KEY: string = '';

  /** No storage policy may keep fewer copies than this. */
  @IsOptional() @IsInt() @Min(1) @Max(10)
  STORAGE_MIN_COPIES: number = 2;

  /** Every stored file is re-hashed at least once per cycle. */
  @IsOptional() @IsInt() @Min(1) @Max(3650)
  STORAGE_AUDIT_CYCLE_DAYS: number = 90;

  /** Read rate fixity audits may use per location. */
  @IsOptional() @IsInt() @Min(1024)
  STORAGE_AUDIT_BYTES_PER_SECOND: number = 50 * 1024 * 1024;

  /** How often the audit job takes its next slice of the cycle. */
  @IsOptional() @IsInt() @Min(1) @Max(24 * 60)
  STORAGE_AUDIT_INTERVAL_MINUTES: number = 60;

  /** How often the retention scan lists disposal candidates (every tenant's rules). */
  @IsOptional() @IsInt() @Min(1) @Max(7 * 24 * 60)
  RETENTION_SCAN_INTERVAL_MINUTES: number = 24 * 60;

  /** Where exports of transfers (E-ARK SIPs) are written, one folder per tenant; empty: STORAGE_ROOT/exports. */
  @IsOptional() @IsString()
  STORAGE_EXPORT_ROOT: string = '';

  /** Days an export of a transfer is kept before it is purged. */
  @IsOptional() @IsInt() @Min(1) @Max(3650)
  RETENTION_EXPORT_DAYS: number = 30;
}

/** Names we accept. Anything else with our prefixes is a typo or a stale setting. */
export const KNOWN_VARIABLES = new Set(Object.keys(new EnvironmentVariables()).concat(['DATABASE_URL', 'REDIS_URL']));
const OUR_PREFIXES = ['SAMARKIV_', 'DATABASE_', 'REDIS_', 'STORAGE_', 'QUEUE_', 'DEMO_', 'SESSION_', 'SAML_', 'API_CLIENT_', 'PRONOM_', 'XML_SCHEMA_', 'AUDIT_', 'VALIDATION_', 'INGEST_', 'RECEIPT_', 'RETENTION_'];

/** Read by the test suite and benchmarks, never by the application. */
const TOOLING_VARIABLE = /^SAMARKIV_(SHARED_DIR|TEST_\w+|BENCH_\w+)$/;

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false };

/** Validates raw env into typed settings; throws one error listing every problem, each naming its variable. */
export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const problems: string[] = [];
  const defaults = new EnvironmentVariables();
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === '') continue;
    if (!KNOWN_VARIABLES.has(key)) {
      if (OUR_PREFIXES.some((p) => key.startsWith(p)) && !TOOLING_VARIABLE.test(key)) problems.push(`${key} is not a known setting (see .env.example)`);
      continue;
    }
    const sample = (defaults as unknown as Record<string, unknown>)[key];
    if (key === 'SESSION_COOKIE_SECURE') {
      const b = BOOLEAN_WORDS[value.toLowerCase()];
      input[key] = b === undefined ? value : b;
    } else if (typeof sample === 'number') {
      input[key] = /^-?\d+$/.test(value) ? Number(value) : value;
    } else if (typeof sample === 'boolean') {
      const b = BOOLEAN_WORDS[value.toLowerCase()];
      input[key] = b === undefined ? value : b;
    } else {
      input[key] = value;
    }
  }
  const config = plainToInstance(EnvironmentVariables, input, { exposeDefaultValues: true });
  for (const error of validateSync(config, { whitelist: true })) {
    const given = input[error.property];
    const messages = Object.values(error.constraints ?? {}).map((m) => m.replace(`${error.property} `, ''));
    // "must be a string" adds nothing when a more specific message exists.
    const what = messages.length > 1 ? messages.filter((m) => m !== 'must be a string') : messages;
    problems.push(`${error.property}${given === undefined ? ' is missing' : ` has an invalid value`}: ${what.join(', ')}`);
  }
  problems.push(...storageLocationProblems(config));
  if (config.DEMO_MODE && config.NODE_ENV === NodeEnv.Production) {
    problems.push('DEMO_MODE: must not be on when NODE_ENV=production (demo login bypasses the identity provider)');
  }
  if (config.NODE_ENV === NodeEnv.Production && config.RECEIPT_SIGNING_KEY_FILE === '') {
    problems.push('RECEIPT_SIGNING_KEY_FILE: must be set when NODE_ENV=production (producers verify receipts with its public key)');
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}

function storageLocationProblems(config: EnvironmentVariables): string[] {
  let count: number;
  try {
    count = parseStorageLocations(config.STORAGE_LOCATIONS, config.STORAGE_ROOT).length;
  } catch (e) {
    return [`STORAGE_LOCATIONS has an invalid value: ${(e as Error).message}`];
  }
  if (count < config.STORAGE_MIN_COPIES) return [`STORAGE_LOCATIONS names ${count} location(s) but STORAGE_MIN_COPIES is ${config.STORAGE_MIN_COPIES}: add locations or lower the minimum`];
  if (!config.STORAGE_S3_ACCESS_KEY_ID !== !config.STORAGE_S3_SECRET_ACCESS_KEY) return ['STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY must be set together'];
  return [];
}
