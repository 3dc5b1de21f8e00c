import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { AuditModule } from '../audit/audit.module';
import { PreservationModule } from '../preservation/preservation.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { SearchTypes } from './application/information-types';
import { MappingRegistry } from './application/mapping.registry';
import { RecordExtractionService } from './application/record-extraction.service';
import { RecordIndexingService } from './application/record-indexing.service';
import { RecordSearchService } from './application/record-search.service';
import { RecordViewService } from './application/record-view.service';
import { DipExportService } from './application/dip-export.service';
import { RecordIndex } from './domain/record-index.port';
import { RecordFileSource } from './domain/record-file-source.port';
import { AipRecordFileSource } from './infrastructure/aip-record-file-source';
import { PgRecordIndex } from './infrastructure/pg-record-index';
import { SearchFacade } from './search.facade';
import { RecordLifecycleRepository } from './infrastructure/record-lifecycle.repository';
import { RecordBlockRepository } from './infrastructure/record-block.repository';
import { RecordBlockService } from './application/record-block.service';

@Module({
  imports: [TenancyModule, AuditModule, ArchiveModule, PreservationModule],
  providers: [SearchTypes, MappingRegistry, RecordExtractionService, RecordIndexingService, RecordSearchService, RecordViewService, DipExportService, { provide: RecordIndex, useClass: PgRecordIndex }, RecordLifecycleRepository, RecordBlockRepository, RecordBlockService, { provide: RecordFileSource, useClass: AipRecordFileSource }, SearchFacade],
  // The services are exported for this module's API module only; other modules use the facade.
  exports: [SearchFacade, RecordSearchService, RecordViewService, RecordBlockService, DipExportService],
})
export class SearchModule {}
