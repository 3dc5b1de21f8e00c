import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuditModule } from '../audit/audit.module';
import { ValidationService } from './application/validation.service';
import { IngestFacade } from './ingest.facade';

@Module({
  imports: [TenancyModule, AuditModule],
  providers: [ValidationService, IngestFacade],
  // The service is exported for this module's API module only; other modules use the facade.
  exports: [IngestFacade, ValidationService],
})
export class IngestModule {}
