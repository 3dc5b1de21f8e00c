import { Module } from '@nestjs/common';
import { SearchModule } from './search.module';
import { SearchController } from './api/search.controller';
import { RecordController } from './api/record.controller';

@Module({ imports: [SearchModule], controllers: [SearchController, RecordController] })
export class SearchApiModule {}
