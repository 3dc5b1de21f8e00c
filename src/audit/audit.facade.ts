import { Injectable } from '@nestjs/common';
import { RequestContext, Role } from '../platform/context';
import { AuditEntryInput } from './domain/audit-entry';
import { AuditLogService, RecordedEntry } from './application/audit-log.service';
import { AuditVerifyService, VerifyOptions, VerifyReport, ChainReport } from './application/audit-verify.service';
import { AuditMaintenanceService } from './application/audit-maintenance.service';
import { AnchorRow, AuditLogRepository, chainKeyOf } from './infrastructure/audit-log.repository';

export { AuditAction, AuditOutcome } from './domain/audit-action';
export type { AuditEntryInput, RecordedEntry, VerifyOptions, VerifyReport, ChainReport, AnchorRow };

/**
 * The audit module's only public surface. Every module that returns record data calls `record`
 * (or wraps its read in `withAudit`) and awaits it before answering: if the access cannot be
 * logged, the call throws AUDIT_LOG_UNAVAILABLE (HTTP 503) and no data leaves.
 */
@Injectable()
export class AuditFacade {
  constructor(
    private readonly log: AuditLogService,
    private readonly verifier: AuditVerifyService,
    private readonly maintenance: AuditMaintenanceService,
    private readonly repo: AuditLogRepository,
  ) {}

  record(ctx: RequestContext, entry: AuditEntryInput): Promise<RecordedEntry> {
    return this.log.record(ctx, entry);
  }

  withAudit<T>(ctx: RequestContext, entry: AuditEntryInput | ((result: T) => AuditEntryInput), fn: () => Promise<T>): Promise<T> {
    return this.log.withAudit(ctx, entry, fn);
  }

  verify(ctx: RequestContext, options?: VerifyOptions): Promise<VerifyReport> {
    return this.verifier.verify(ctx, options);
  }

  anchorNow(ctx: RequestContext): Promise<number> {
    return this.maintenance.anchorNow(ctx);
  }

  /** Operators see every chain's anchors; anyone else only their own tenant's (hashes, no content). */
  async anchors(ctx: RequestContext, tenantId?: string | null): Promise<AnchorRow[]> {
    ctx.requirePrincipal();
    if (ctx.isOperator()) return this.repo.anchors(tenantId === undefined ? undefined : chainKeyOf(tenantId));
    const own = ctx.requireTenant();
    return tenantId === undefined || tenantId === own ? this.repo.anchors(chainKeyOf(own)) : [];
  }

  /** Creates this month's partition and the next three if missing (what the daily job does). */
  ensurePartitions(ctx: RequestContext): Promise<{ partitions: string[] }> {
    ctx.require(Role.Operator);
    return this.maintenance.ensurePartitions();
  }

  applyRetention(ctx: RequestContext, now?: Date): Promise<{ dropped: string[] }> {
    return this.maintenance.applyRetention(ctx, now);
  }
}
