import { Module } from '@nestjs/common';
import { SearchModule } from './search.module';
import { SearchController } from './api/search.controller';
import { RecordController } from './api/record.controller';
import { RecordBlockController } from './api/record-block.controller';
import { DipController } from './api/dip.controller';

@Module({ imports: [SearchModule], controllers: [SearchController, RecordController, RecordBlockController, DipController] })
export class SearchApiModule {}
