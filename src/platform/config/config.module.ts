import { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig, auditConfig, authConfig, databaseConfig, environment, finalArchiveConfig, ingestConfig, preservationConfig, redisConfig, storageConfig } from './settings';

/** Validation happens in `environment()`; ConfigModule only exposes the typed namespaces. */
export function appConfigModule(): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    validate: () => ({ ...environment() }),
    load: [appConfig, databaseConfig, redisConfig, storageConfig, authConfig, auditConfig, ingestConfig, preservationConfig, finalArchiveConfig],
  });
}
