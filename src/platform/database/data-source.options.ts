import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';

/** Works from source (jest, .ts) and from dist/ (.js): both layouts keep src/ and migrations/ siblings. */
const SRC_DIR = join(__dirname, '..', '..');
const MIGRATIONS_DIR = join(SRC_DIR, '..', 'migrations');

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(SRC_DIR, '**', '*.entity.{ts,js}')],
    migrations: [join(MIGRATIONS_DIR, '*.{ts,js}')],
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    extra: { max: poolSize, application_name: 'samarkiv' },
  };
}
