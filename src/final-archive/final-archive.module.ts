import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { AuditModule } from '../audit/audit.module';
import { IngestModule } from '../ingest/ingest.module';
import { PreservationModule } from '../preservation/preservation.module';
import { SearchModule } from '../search/search.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { TransferExportService } from './application/transfer-export.service';
import { LifecycleResumeService } from './application/lifecycle-resume.service';
import { AipDescriptorWriter } from './application/aip-descriptor.writer';
import { DestructionService } from './application/destruction.service';
import { DisclosureRequestService } from './application/disclosure-request.service';
import { DisposalService } from './application/disposal.service';
import { HoldService } from './application/hold.service';
import { RetentionService } from './application/retention.service';
import { SelectionService } from './application/selection.service';
import { TransferService } from './application/transfer.service';
import { FinalArchiveFacade } from './final-archive.facade';
import { DisclosureRequestRepository } from './infrastructure/disclosure-request.repository';
import { DisposalRepository } from './infrastructure/disposal.repository';
import { HoldRepository } from './infrastructure/hold.repository';
import { RetentionRepository } from './infrastructure/retention.repository';
import { TransferRepository } from './infrastructure/transfer.repository';
import { ExportRepository } from './infrastructure/export.repository';
import { ExportFiles } from './application/export-files';

/** The life cycle after the intermediate archive: transfer of custody, requests, retention, holds, disposal. */
@Module({
  imports: [ArchiveModule, AuditModule, IngestModule, PreservationModule, SearchModule, TenancyModule],
  providers: [
    TransferRepository,
    HoldRepository,
    RetentionRepository,
    DisposalRepository,
    DisclosureRequestRepository,
    ExportRepository,
    ExportFiles,
    SelectionService,
    AipDescriptorWriter,
    TransferService,
    TransferExportService,
    LifecycleResumeService,
    HoldService,
    RetentionService,
    DestructionService,
    DisposalService,
    DisclosureRequestService,
    FinalArchiveFacade,
  ],
  // The services are exported for this module's API module only; other modules use the facade.
  exports: [FinalArchiveFacade, TransferService, TransferExportService, HoldService, RetentionService, DisposalService, DisclosureRequestService],
})
export class FinalArchiveModule {}
