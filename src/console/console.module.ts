import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { FinalArchiveModule } from '../final-archive/final-archive.module';
import { IngestModule } from '../ingest/ingest.module';
import { HealthModule } from '../platform/health/health.module';
import { PreservationModule } from '../preservation/preservation.module';
import { SearchModule } from '../search/search.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AdminPagesController } from './api/admin-pages.controller';
import { ConsoleExceptionFilter } from './api/console-exception.filter';
import { DeliveryPagesController } from './api/delivery-pages.controller';
import { DisposalPagesController } from './api/disposal-pages.controller';
import { HomeController } from './api/home.controller';
import { OperatorPagesController } from './api/operator-pages.controller';
import { RecordPagesController } from './api/record-pages.controller';
import { RequestPagesController } from './api/request-pages.controller';
import { RetentionPagesController } from './api/retention-pages.controller';
import { ReviewPagesController } from './api/review-pages.controller';
import { SearchPagesController } from './api/search-pages.controller';
import { TransferPagesController } from './api/transfer-pages.controller';
import { OperationsService } from './application/operations.service';
import { PageService } from './application/page.service';

/**
 * The console: server-rendered pages for people, over the same facades, guard, sessions and CSRF
 * checks as the REST API. API role only; it owns no tables and no jobs.
 */
@Module({
  imports: [TenancyModule, AuthModule, AuditModule, IngestModule, PreservationModule, SearchModule, HealthModule, FinalArchiveModule],
  controllers: [
    HomeController,
    SearchPagesController,
    RecordPagesController,
    AdminPagesController,
    ReviewPagesController,
    OperatorPagesController,
    DeliveryPagesController,
    TransferPagesController,
    DisposalPagesController,
    RetentionPagesController,
    RequestPagesController,
  ],
  providers: [PageService, OperationsService, ConsoleExceptionFilter],
})
export class ConsoleModule {}
