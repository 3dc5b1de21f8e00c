import { Injectable } from '@nestjs/common';
import { RequestContext, Role } from '../../platform/context';
import { AuditAction } from '../domain/audit-action';
import { AuditEntryInput } from '../domain/audit-entry';
import { auditPatientKey } from '../domain/patient-id';
import { flagsOf } from '../domain/review-flags';
import { AuditReviewRepository, Period, SampleRow } from '../infrastructure/audit-review.repository';
import { invalidEntry, invalidPeriod, logNotFound, sampleItemNotFound, sampleNotFound, sampleSignedOff } from '../audit.errors';
import { AuditLogService } from './audit-log.service';
import { PatientExtract, ReviewEntryView, SampleView, toReviewView } from './review-views';

const EXTRACT_LIMIT = 10_000;
const LIST_LIMIT = 1_000;
const MAX_REVIEW_DAYS = 366;
const DAY_MS = 24 * 3600 * 1000;

export interface PeriodInput {
  from?: string;
  to?: string;
}

export interface ReviewScope extends PeriodInput {
  tenantId: string;
  informationTypeId: string;
}

/**
 * Log review (Patientdatalagen 4 kap. 3 §): per patient, per user, flags, and sampled systematic
 * review. Needs the log-reviewer role for the tenant and information type; everything a reviewer
 * does is itself logged (action log-review) in the reviewer's own chain.
 */
@Injectable()
export class AuditReviewService {
  constructor(
    private readonly reviews: AuditReviewRepository,
    private readonly audit: AuditLogService,
  ) {}

  /** `patientIssuer`: the issuer OID of an id that is not a Swedish number (foreign or local ids). */
  async patientExtract(ctx: RequestContext, scope: ReviewScope & { patientId: string; patientIssuer?: string }): Promise<PatientExtract> {
    const patientId = auditPatientKey(scope.patientId, scope.patientIssuer);
    if (!patientId) throw invalidEntry('patient id is not a personnummer or samordningsnummer, nor an id with its issuer');
    const period = toPeriod(scope, new Date(0));
    return this.reviewed(ctx, scope, { what: 'patient-extract' }, { patient: { id: scope.patientId, issuer: scope.patientIssuer } }, async () => {
      const rows = await this.reviews.byPatient(scope.tenantId, scope.informationTypeId, patientId, period, EXTRACT_LIMIT + 1);
      return {
        tenantId: scope.tenantId,
        patientId,
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        generatedAt: new Date().toISOString(),
        truncated: rows.length > EXTRACT_LIMIT,
        entries: rows.slice(0, EXTRACT_LIMIT).map((e) => toReviewView(e)),
      };
    });
  }

  async userAccesses(ctx: RequestContext, scope: ReviewScope & { userId: string }): Promise<ReviewEntryView[]> {
    const period = toPeriod(scope);
    return this.reviewed(ctx, scope, { what: 'user-accesses', userId: scope.userId }, {}, async () =>
      (await this.reviews.byUser(scope.tenantId, scope.informationTypeId, scope.userId, period, LIST_LIMIT)).map((e) => toReviewView(e)),
    );
  }

  async flagged(ctx: RequestContext, scope: ReviewScope & { volumeThreshold?: number }): Promise<ReviewEntryView[]> {
    const period = toPeriod(scope);
    const threshold = scope.volumeThreshold ?? 100;
    return this.reviewed(ctx, scope, { what: 'flags', volumeThreshold: threshold }, {}, async () =>
      (await this.reviews.flagged(scope.tenantId, scope.informationTypeId, period, threshold, LIST_LIMIT)).map(({ entry, busy }) => toReviewView(entry, flagsOf(entry, busy))),
    );
  }

  async createSample(ctx: RequestContext, scope: ReviewScope & { size: number }): Promise<SampleView> {
    const period = toPeriod(scope);
    return this.reviewed(ctx, scope, { what: 'sample-create', size: scope.size }, {}, async () => {
      const sample = await this.reviews.createSample({ tenantId: scope.tenantId, informationTypeId: scope.informationTypeId, period, size: scope.size, createdBy: ctx.principal!.id });
      return this.sampleView(sample, true);
    });
  }

  async listSamples(ctx: RequestContext, scope: Omit<ReviewScope, 'from' | 'to'>): Promise<SampleView[]> {
    return this.reviewed(ctx, scope, { what: 'sample-list' }, {}, async () => {
      const samples = await this.reviews.listSamples(scope.tenantId);
      return Promise.all(samples.filter((s) => s.informationTypeId === scope.informationTypeId).map((s) => this.sampleView(s, false)));
    });
  }

  async getSample(ctx: RequestContext, tenantId: string, sampleId: string): Promise<SampleView> {
    const sample = await this.sampleFor(ctx, tenantId, sampleId);
    return this.reviewed(ctx, { tenantId, informationTypeId: sample.informationTypeId }, { what: 'sample-read', sampleId }, {}, () => this.sampleView(sample, true));
  }

  async noteItem(ctx: RequestContext, tenantId: string, sampleId: string, seq: number, note: string): Promise<SampleView> {
    const sample = await this.sampleFor(ctx, tenantId, sampleId);
    return this.reviewed(ctx, { tenantId, informationTypeId: sample.informationTypeId }, { what: 'sample-note', sampleId, seq }, {}, async () => {
      if (sample.signedOffAt) throw sampleSignedOff();
      if (!(await this.reviews.setNote(tenantId, sampleId, seq, note, ctx.principal!.id))) throw sampleItemNotFound();
      return this.sampleView(sample, true);
    });
  }

  async signOff(ctx: RequestContext, tenantId: string, sampleId: string, conclusion: string): Promise<SampleView> {
    const sample = await this.sampleFor(ctx, tenantId, sampleId);
    return this.reviewed(ctx, { tenantId, informationTypeId: sample.informationTypeId }, { what: 'sample-sign-off', sampleId }, {}, async () => {
      if (!(await this.reviews.signOff(tenantId, sampleId, ctx.principal!.id, conclusion))) throw sampleSignedOff();
      return this.sampleView((await this.reviews.findSample(tenantId, sampleId))!, true);
    });
  }

  /** A sample of another tenant, or of a type the reviewer does not review, does not exist for the caller. */
  private async sampleFor(ctx: RequestContext, tenantId: string, sampleId: string): Promise<SampleRow> {
    ctx.requirePrincipal();
    if (ctx.tenantId !== tenantId) throw sampleNotFound();
    const sample = await this.reviews.findSample(tenantId, sampleId);
    if (!sample || !ctx.has(Role.LogReviewer, { tenantId, informationTypeId: sample.informationTypeId })) throw sampleNotFound();
    return sample;
  }

  /** Checks the reviewer's grant, runs the review and logs it (refusals too) before returning anything. */
  private reviewed<T>(ctx: RequestContext, scope: { tenantId: string; informationTypeId: string }, details: Record<string, unknown>, extra: Partial<AuditEntryInput>, fn: () => Promise<T>): Promise<T> {
    ctx.requirePrincipal();
    const entry: AuditEntryInput = {
      action: AuditAction.LogReview,
      tenantId: ctx.tenantId,
      informationTypeId: scope.informationTypeId,
      actor: { role: Role.LogReviewer },
      details: { ...details, tenantId: scope.tenantId },
      ...extra,
    };
    return this.audit.withAudit(ctx, entry, async () => {
      if (ctx.tenantId !== scope.tenantId) throw logNotFound();
      ctx.require(Role.LogReviewer, { tenantId: scope.tenantId, informationTypeId: scope.informationTypeId });
      return fn();
    });
  }

  private async sampleView(s: SampleRow, withItems: boolean): Promise<SampleView> {
    const view: SampleView = {
      id: s.id,
      tenantId: s.tenantId,
      informationTypeId: s.informationTypeId,
      from: s.periodFrom.toISOString(),
      to: s.periodTo.toISOString(),
      size: s.size,
      createdBy: s.createdBy,
      createdAt: s.createdAt.toISOString(),
      signedOffBy: s.signedOffBy,
      signedOffAt: s.signedOffAt?.toISOString() ?? null,
      conclusion: s.conclusion,
    };
    if (!withItems) return view;
    const items = await this.reviews.items(s.tenantId, s.id);
    const entries = new Map((await this.reviews.bySeq(s.tenantId, items.map((i) => i.seq))).map((e) => [e.seq, e]));
    view.items = items.map((i) => {
      const e = entries.get(i.seq);
      return { seq: i.seq, entry: e ? toReviewView(e, flagsOf(e)) : null, note: i.note, notedBy: i.notedBy, notedAt: i.notedAt?.toISOString() ?? null };
    });
    return view;
  }
}

/** A review period: [from, to), by default the last 30 days; at most a year for lists and samples. */
function toPeriod(input: PeriodInput, defaultFrom?: Date): Period {
  const to = input.to ? new Date(input.to) : new Date();
  const from = input.from ? new Date(input.from) : (defaultFrom ?? new Date(to.getTime() - 30 * DAY_MS));
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw invalidPeriod('from and to must be ISO 8601 dates');
  if (from >= to) throw invalidPeriod('from must be before to');
  if (!defaultFrom && to.getTime() - from.getTime() > MAX_REVIEW_DAYS * DAY_MS) throw invalidPeriod(`at most ${MAX_REVIEW_DAYS} days`);
  return { from, to };
}
