import { Module } from '@nestjs/common';
import { IngestModule } from './ingest.module';
import { ValidationController } from './api/validation.controller';
import { FormatPolicyController } from './format-policy/format-policy.controller';

@Module({ imports: [IngestModule], controllers: [ValidationController, FormatPolicyController] })
export class IngestApiModule {}
