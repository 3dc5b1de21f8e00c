import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';
import { TenantScopeSubscriber } from './tenant-scope.subscriber';

/** Works from source (jest, .ts) and from dist/ (.js): both layouts keep src/ and migrations/ siblings. */
const SRC_DIR = join(__dirname, '..', '..');
const MIGRATIONS_DIR = join(SRC_DIR, '..', 'migrations');

export interface ConnectionOptions {
  poolSize?: number;
  /** The role the connections switch to at start-up (the app's restricted role); none for migrations. */
  role?: string | null;
}

export function dataSourceOptions(url: string, opts: ConnectionOptions = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(SRC_DIR, '**', '*.entity.{ts,js}')],
    migrations: [join(MIGRATIONS_DIR, '*.{ts,js}')],
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    subscribers: [TenantScopeSubscriber],
    synchronize: false,
    extra: {
      max: opts.poolSize ?? 10,
      application_name: 'samarkiv',
      // A startup parameter, so every pooled connection is the restricted role from its first query.
      ...(opts.role ? { options: `-c role=${opts.role}` } : {}),
    },
  };
}
