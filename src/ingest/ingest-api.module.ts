import { Module } from '@nestjs/common';
import { IngestModule } from './ingest.module';
import { ValidationController } from './api/validation.controller';

@Module({ imports: [IngestModule], controllers: [ValidationController] })
export class IngestApiModule {}
