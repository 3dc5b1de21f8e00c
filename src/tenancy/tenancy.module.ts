import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantEntity } from './domain/tenant.entity';
import { TenantInformationTypeEntity } from './domain/tenant-information-type.entity';
import { UserAccountEntity } from './domain/user-account.entity';
import { UserGroupEntity } from './domain/user-group.entity';
import { GroupMemberEntity } from './domain/group-member.entity';
import { AccessGrantEntity } from './domain/access-grant.entity';
import { TenantRepository } from './infrastructure/tenant.repository';
import { UserRepository } from './infrastructure/user.repository';
import { GrantRepository } from './infrastructure/grant.repository';
import { InformationTypeRegistry } from './application/information-type.registry';
import { TenantService } from './application/tenant.service';
import { AccessService } from './application/access.service';
import { DemoSeedService } from './application/demo-seed.service';
import { PrincipalAccessService } from './application/principal-access.service';
import { TenancyFacade } from './tenancy.facade';
import { AuditModule } from '../audit/audit.module';

@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([TenantEntity, TenantInformationTypeEntity, UserAccountEntity, UserGroupEntity, GroupMemberEntity, AccessGrantEntity])],
  providers: [TenantRepository, UserRepository, GrantRepository, InformationTypeRegistry, TenantService, AccessService, PrincipalAccessService, DemoSeedService, TenancyFacade],
  // The services are exported for this module's own API module only; other modules use the facade.
  exports: [TenancyFacade, TenantService, AccessService, InformationTypeRegistry],
})
export class TenancyModule {}
