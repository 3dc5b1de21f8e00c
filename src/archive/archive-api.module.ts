import { Module } from '@nestjs/common';
import { ArchiveModule } from './archive.module';
import { AipController } from './api/aip.controller';

/** HTTP face of the AIP catalogue; loaded by the API role only. */
@Module({ imports: [ArchiveModule], controllers: [AipController] })
export class ArchiveApiModule {}
