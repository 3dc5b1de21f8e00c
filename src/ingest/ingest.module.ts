import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuditModule } from '../audit/audit.module';
import { ValidationService } from './application/validation.service';
import { IngestFacade } from './ingest.facade';
import { FormatPolicyEntity } from './format-policy/format-policy.entity';
import { FormatPolicyRepository } from './format-policy/format-policy.repository';
import { FormatPolicyService } from './format-policy/format-policy.service';

@Module({
  imports: [TypeOrmModule.forFeature([FormatPolicyEntity]), TenancyModule, AuditModule],
  providers: [ValidationService, FormatPolicyRepository, FormatPolicyService, IngestFacade],
  // The service is exported for this module's API module only; other modules use the facade.
  exports: [IngestFacade, ValidationService, FormatPolicyService],
})
export class IngestModule {}
