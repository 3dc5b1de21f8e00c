import { Module } from '@nestjs/common';
import { AuditLogRepository } from './infrastructure/audit-log.repository';
import { AuditReviewRepository } from './infrastructure/audit-review.repository';
import { AuditLogService } from './application/audit-log.service';
import { AuditVerifyService } from './application/audit-verify.service';
import { AuditMaintenanceService } from './application/audit-maintenance.service';
import { AuditReviewService } from './application/audit-review.service';
import { AuditFacade } from './audit.facade';

/** The access log: no TypeORM entities, because every write goes through audit_append. */
@Module({
  providers: [AuditLogRepository, AuditReviewRepository, AuditLogService, AuditVerifyService, AuditMaintenanceService, AuditReviewService, AuditFacade],
  // The review service is exported for this module's own API module only; other modules use the facade.
  exports: [AuditFacade, AuditReviewService],
})
export class AuditModule {}
