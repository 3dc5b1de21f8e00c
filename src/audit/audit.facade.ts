import { Injectable } from '@nestjs/common';
import { RequestContext, Role } from '../platform/context';
import { AuditEntryInput } from './domain/audit-entry';
import { AuditLogService, RecordedEntry } from './application/audit-log.service';
import { AuditVerifyService, VerifyOptions, VerifyReport, ChainReport } from './application/audit-verify.service';
import { AuditMaintenanceService } from './application/audit-maintenance.service';
import { AnchorRow, AuditLogRepository, chainKeyOf } from './infrastructure/audit-log.repository';
import { AuditReviewService, ReviewScope } from './application/audit-review.service';
import { PatientExtract, ReviewEntryView, SampleView } from './application/review-views';
import { extractCsv, extractPdf } from './application/extract-export';

export { AuditAction, AuditOutcome } from './domain/audit-action';
export { ReviewFlag } from './domain/review-flags';
export type { AuditEntryInput, RecordedEntry, VerifyOptions, VerifyReport, ChainReport, AnchorRow, ReviewScope, PatientExtract, ReviewEntryView, SampleView };

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
    private readonly review: AuditReviewService,
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

  // Log review (the REST API and the console share these; each call is itself logged).
  patientExtract(ctx: RequestContext, scope: ReviewScope & { patientId: string }): Promise<PatientExtract> {
    return this.review.patientExtract(ctx, scope);
  }

  patientExtractFile(extract: PatientExtract, format: 'csv' | 'pdf'): Promise<Buffer> {
    return format === 'csv' ? Promise.resolve(extractCsv(extract)) : extractPdf(extract);
  }

  userAccesses(ctx: RequestContext, scope: ReviewScope & { userId: string }): Promise<ReviewEntryView[]> {
    return this.review.userAccesses(ctx, scope);
  }

  flaggedAccesses(ctx: RequestContext, scope: ReviewScope & { volumeThreshold?: number }): Promise<ReviewEntryView[]> {
    return this.review.flagged(ctx, scope);
  }

  createReviewSample(ctx: RequestContext, scope: ReviewScope & { size: number }): Promise<SampleView> {
    return this.review.createSample(ctx, scope);
  }

  listReviewSamples(ctx: RequestContext, scope: Omit<ReviewScope, 'from' | 'to'>): Promise<SampleView[]> {
    return this.review.listSamples(ctx, scope);
  }

  getReviewSample(ctx: RequestContext, tenantId: string, sampleId: string): Promise<SampleView> {
    return this.review.getSample(ctx, tenantId, sampleId);
  }

  noteReviewItem(ctx: RequestContext, tenantId: string, sampleId: string, seq: number, note: string): Promise<SampleView> {
    return this.review.noteItem(ctx, tenantId, sampleId, seq, note);
  }

  signOffReviewSample(ctx: RequestContext, tenantId: string, sampleId: string, conclusion: string): Promise<SampleView> {
    return this.review.signOff(ctx, tenantId, sampleId, conclusion);
  }
}
