import { DynamicModule, MiddlewareConsumer, Module, NestModule, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AuthorizationGuard } from './platform/context/authorization.guard';
import { appConfigModule } from './platform/config/config.module';
import { ProcessRole } from './platform/config/env.validation';
import { environment } from './platform/config/settings';
import { RequestContextMiddleware } from './platform/context/request-context.middleware';
import { DatabaseModule } from './platform/database/database.module';
import { GlobalExceptionFilter } from './platform/errors/global-exception.filter';
import { HealthModule } from './platform/health/health.module';
import { LoggingModule } from './platform/logging/logging.module';
import { QueueModule } from './platform/queue/queue.module';
import { TenancyModule } from './tenancy/tenancy.module';
import { TenancyApiModule } from './tenancy/tenancy-api.module';
import { AuthModule } from './auth/auth.module';
import { AuthApiModule } from './auth/auth-api.module';
import { AuditModule } from './audit/audit.module';
import { AuditApiModule } from './audit/audit-api.module';
import { IngestModule } from './ingest/ingest.module';
import { IngestApiModule } from './ingest/ingest-api.module';
import { ArchiveModule } from './archive/archive.module';
import { ArchiveApiModule } from './archive/archive-api.module';
import { PreservationModule } from './preservation/preservation.module';
import { PreservationApiModule } from './preservation/preservation-api.module';
import { SearchModule } from './search/search.module';
import { SearchApiModule } from './search/search-api.module';
import { ConsoleModule } from './console/console.module';
import { FinalArchiveModule } from './final-archive/final-archive.module';
import { FinalArchiveApiModule } from './final-archive/final-archive-api.module';

// One module per line: parallel branches add theirs without conflicts.
/** Bounded modules, loaded in every role (they hold the job handlers and facades). */
const DOMAIN_MODULES = [
  TenancyModule,
  AuditModule,
  AuthModule,
  ArchiveModule,
  IngestModule,
  PreservationModule,
  SearchModule,
  FinalArchiveModule,
];
/** Their HTTP faces, loaded by the API role only. */
const API_MODULES = [
  TenancyApiModule,
  AuthApiModule,
  AuditApiModule,
  ArchiveApiModule,
  IngestApiModule,
  PreservationApiModule,
  SearchApiModule,
  ConsoleModule,
  FinalArchiveApiModule,
];

/**
 * One codebase, three roles: `api` serves HTTP and enqueues, `worker` runs jobs and serves only
 * health, `all` does both (the default, and what the demo runs). `cli` boots the modules for
 * commands, without HTTP or workers.
 */
@Module({})
export class AppModule implements NestModule {
  static forRole(role: ProcessRole | 'cli'): DynamicModule {
    const serveApi = role === ProcessRole.Api || role === ProcessRole.All;
    const runWorker = role === ProcessRole.Worker || role === ProcessRole.All;
    return {
      module: AppModule,
      imports: [
        appConfigModule(),
        LoggingModule,
        DatabaseModule,
        QueueModule.register({ worker: runWorker }),
        HealthModule,
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: environment().RATE_LIMIT_PER_MINUTE }]),
        ...DOMAIN_MODULES,
        ...(serveApi ? API_MODULES : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthorizationGuard },
        { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }) },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*');
  }
}
