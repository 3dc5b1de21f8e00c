import { Inject, Module, OnModuleDestroy } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { AccessRefusalRecorder, PrincipalResolver } from '../platform/context';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuditModule } from '../audit/audit.module';
import { ApiClientEntity } from './domain/api-client.entity';
import { IdentityProviderEntity } from './domain/identity-provider.entity';
import { ApiClientRepository } from './infrastructure/api-client.repository';
import { IdentityProviderRepository } from './infrastructure/identity-provider.repository';
import { AUTH_REDIS, authRedisProvider } from './infrastructure/auth-redis.provider';
import { ApiClientService } from './application/api-client.service';
import { AuthEvents } from './application/auth-events';
import { CrossTenantRefusalRecorder } from './application/cross-tenant-refusal.recorder';
import { AuthenticationService } from './application/authentication.service';
import { DemoLoginService } from './application/demo-login.service';
import { IdentityProviderService } from './application/identity-provider.service';
import { SamlService } from './application/saml.service';
import { SessionService } from './application/session.service';
import { CsrfGuard } from './api/csrf.guard';
import { AuthFacade } from './auth.facade';

@Module({
  imports: [TypeOrmModule.forFeature([ApiClientEntity, IdentityProviderEntity]), TenancyModule, AuditModule],
  providers: [
    authRedisProvider,
    ApiClientRepository,
    IdentityProviderRepository,
    SessionService,
    ApiClientService,
    AuthEvents,
    AuthenticationService,
    DemoLoginService,
    IdentityProviderService,
    SamlService,
    AuthFacade,
    { provide: PrincipalResolver, useExisting: AuthenticationService },
    CrossTenantRefusalRecorder,
    { provide: AccessRefusalRecorder, useExisting: CrossTenantRefusalRecorder },
    { provide: APP_GUARD, useClass: CsrfGuard },
  ],
  // Services are exported for this module's API module only; other modules use the facade.
  exports: [AuthFacade, PrincipalResolver, AccessRefusalRecorder, SessionService, ApiClientService, DemoLoginService, IdentityProviderService, SamlService, AuthEvents],
})
export class AuthModule implements OnModuleDestroy {
  constructor(@Inject(AUTH_REDIS) private readonly redis: Redis) {}

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
