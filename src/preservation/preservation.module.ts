import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuditModule } from '../audit/audit.module';
import { CatalogueViews } from './application/catalogue-views';
import { ObjectWriterService } from './application/object-writer.service';
import { StoragePolicyService } from './application/storage-policy.service';
import { FixityAuditService } from './application/fixity-audit.service';
import { RepairService } from './application/repair.service';
import { AuditScheduleService } from './application/audit-schedule.service';
import { StorageOperationsService } from './application/storage-operations.service';
import { ObjectDisposalService } from './application/object-disposal.service';
import { ObjectRegistrationService } from './application/object-registration.service';
import { TombstoneRepository } from './infrastructure/tombstone.repository';
import { AuditReportRepository } from './infrastructure/audit-report.repository';
import { CatalogueRepository } from './infrastructure/catalogue.repository';
import { EventRepository } from './infrastructure/event.repository';
import { StorageLocations } from './infrastructure/storage-locations';
import { StoragePolicyRepository } from './infrastructure/storage-policy.repository';
import { WriteLocks } from './infrastructure/write-locks';
import { PreservationFacade } from './preservation.facade';
import { ObjectLifecycleService } from './application/object-lifecycle.service';

/** Archival storage: OCFL objects in several locations, catalogue, PREMIS events, fixity audits, repair. */
@Module({
  imports: [TenancyModule, AuditModule],
  providers: [
    StorageLocations,
    WriteLocks,
    CatalogueRepository,
    EventRepository,
    StoragePolicyRepository,
    StoragePolicyService,
    CatalogueViews,
    ObjectWriterService,
    AuditReportRepository,
    RepairService,
    FixityAuditService,
    AuditScheduleService,
    StorageOperationsService,
    TombstoneRepository,
    ObjectDisposalService,
    ObjectRegistrationService,
    ObjectLifecycleService,
    PreservationFacade,
  ],
  // The policy service is exported for this module's own API module and CLI only; other modules use the facade.
  exports: [PreservationFacade, StoragePolicyService],
})
export class PreservationModule {}
