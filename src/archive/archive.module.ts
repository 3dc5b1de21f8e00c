import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AipCatalogueService } from './application/aip-catalogue.service';
import { AipEntity } from './domain/aip.entity';
import { AipRepository } from './infrastructure/aip.repository';
import { ArchiveFacade } from './archive.facade';
import { AipCustodyService } from './application/aip-custody.service';

/** Intermediate archive: the catalogue of AIPs the region's business searches. */
@Module({
  imports: [TypeOrmModule.forFeature([AipEntity])],
  providers: [AipRepository, AipCatalogueService, AipCustodyService, ArchiveFacade],
  exports: [ArchiveFacade, AipCatalogueService],
})
export class ArchiveModule {}
