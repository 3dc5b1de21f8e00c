import { Module } from '@nestjs/common';
import { AuditModule } from './audit.module';
import { AuditReviewController } from './api/audit-review.controller';

/** HTTP face of the audit module (log review); loaded by the API role only. */
@Module({
  imports: [AuditModule],
  controllers: [AuditReviewController],
})
export class AuditApiModule {}
