import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { DipExport, SearchFacade } from '../../search/search.facade';
import { Action, RequestContext, Tier } from '../../platform/context';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { actorOf } from '../domain/actor';
import { DisclosureRequest, HandOut, SecrecyAssessment } from '../domain/disclosure-request';
import { maskedNeedsManualCopy, notAssessed, referenceExists, requestNotFound } from '../final-archive.errors';
import { DisclosureRequestRepository, RequestFilter } from '../infrastructure/disclosure-request.repository';

export interface RegisterRequestInput {
  reference: string;
  requesterName: string;
  requesterContact?: string;
  receivedAt: string;
  subject: string;
  informationTypeId?: string;
}

/**
 * The register of requests for records in the final archive (utlämnande): who asked, when and for
 * what; the secrecy assessment with its reasoning; what was handed out, by whom and when. Only the
 * archive authority's people handle it, and every step is in the access log.
 */
@Injectable()
export class DisclosureRequestService {
  constructor(
    private readonly requests: DisclosureRequestRepository,
    private readonly audit: AuditFacade,
    private readonly records: SearchFacade,
  ) {}

  async register(ctx: RequestContext, input: RegisterRequestInput): Promise<DisclosureRequest> {
    const tenantId = ctx.requireTenant();
    this.requireHandler(ctx, input.informationTypeId);
    const id = randomUUID();
    await this.audit.withAudit(ctx, { action: AuditAction.RequestHandled, informationTypeId: input.informationTypeId ?? null, details: { requestId: id, step: 'registered', reference: input.reference } }, async () => {
      try {
        await this.requests.insert(tenantId, {
          id,
          reference: input.reference,
          requesterName: input.requesterName,
          requesterContact: input.requesterContact ?? null,
          receivedAt: input.receivedAt,
          subject: input.subject,
          informationTypeId: input.informationTypeId ?? null,
          registeredBy: actorOf(ctx).id,
        });
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw referenceExists();
        throw e;
      }
    });
    return this.get(ctx, id);
  }

  async get(ctx: RequestContext, id: string): Promise<DisclosureRequest> {
    const r = await this.requests.find(ctx.requireTenant(), id);
    if (!r || !this.mayHandle(ctx, r.informationTypeId ?? undefined)) throw requestNotFound();
    return r;
  }

  async assess(ctx: RequestContext, id: string, outcome: SecrecyAssessment, reasoning: string): Promise<DisclosureRequest> {
    const r = await this.get(ctx, id);
    if (r.handedOut) throw new DomainError('DISCLOSURE_ALREADY_HANDED_OUT', ErrorKind.Conflict, 'The records were handed out; the assessment stands');
    await this.audit.withAudit(ctx, { action: AuditAction.RequestHandled, informationTypeId: r.informationTypeId, details: { requestId: id, step: 'assessed', outcome } }, () =>
      this.requests.assess(ctx.requireTenant(), id, outcome, reasoning, actorOf(ctx)),
    );
    return this.get(ctx, id);
  }

  /** Records what left the archive: a DIP reference and/or the record ids, after a releasing assessment. */
  async handOut(ctx: RequestContext, id: string, what: { recordIds: string[]; dip?: string; note?: string }): Promise<DisclosureRequest> {
    const r = await this.answerable(ctx, id);
    await this.recordHandOut(ctx, r, { recordIds: what.recordIds, dip: what.dip ?? null, note: what.note ?? null });
    return this.get(ctx, id);
  }

  /**
   * Answers a request released in full with an E-ARK DIP of the named records, built from their
   * AIPs: the register keeps the DIP's id and manifest (every file with its SHA-256, and the ZIP's),
   * so what left the archive can be proven later; the caller streams the ZIP to the requester's
   * handler. A partly masked release is prepared by hand and recorded with `handOut`.
   */
  async handOutDip(ctx: RequestContext, id: string, what: { recordIds: string[]; note?: string }): Promise<DipExport> {
    const r = await this.answerable(ctx, id);
    if (r.assessment!.outcome !== 'released') throw maskedNeedsManualCopy();
    const dip = await this.records.exportDip(ctx, { recordIds: what.recordIds, disclosureRequestId: id, purpose: `Utlämnande ${r.reference}` });
    try {
      await this.recordHandOut(ctx, r, { recordIds: what.recordIds, dip: dip.dipId, note: what.note ?? null, dipManifest: dip.manifest });
    } catch (e) {
      dip.stream.destroy();
      throw e;
    }
    return dip;
  }

  private async answerable(ctx: RequestContext, id: string): Promise<DisclosureRequest> {
    const r = await this.get(ctx, id);
    if (!r.assessment || r.assessment.outcome === 'refused') throw notAssessed();
    if (r.handedOut) throw new DomainError('DISCLOSURE_ALREADY_HANDED_OUT', ErrorKind.Conflict, 'This request was already answered');
    return r;
  }

  private async recordHandOut(ctx: RequestContext, r: DisclosureRequest, what: HandOut): Promise<void> {
    await this.audit.withAudit(
      ctx,
      { action: AuditAction.RequestHandled, informationTypeId: r.informationTypeId, recordIds: what.recordIds, details: { requestId: r.id, step: 'handed-out', dip: what.dip, masked: r.assessment!.outcome === 'released-masked' } },
      () => this.requests.handOut(ctx.requireTenant(), r.id, what, actorOf(ctx)),
    );
  }

  async search(ctx: RequestContext, filter: RequestFilter): Promise<{ items: DisclosureRequest[]; total: number }> {
    this.requireHandler(ctx);
    const result = await this.requests.search(ctx.requireTenant(), filter);
    await this.audit.record(ctx, { action: AuditAction.RequestHandled, details: { step: 'register-searched', hits: result.total } });
    return { items: result.items.filter((r) => this.mayHandle(ctx, r.informationTypeId ?? undefined)), total: result.total };
  }

  private mayHandle(ctx: RequestContext, informationTypeId?: string): boolean {
    return informationTypeId ? ctx.can(Action.RequestHandle, { informationTypeId, tier: Tier.Final }) : ctx.informationTypesFor(Action.RequestHandle, Tier.Final).length > 0;
  }

  private requireHandler(ctx: RequestContext, informationTypeId?: string): void {
    if (!this.mayHandle(ctx, informationTypeId)) throw new DomainError('FORBIDDEN', ErrorKind.Forbidden, `Not allowed: ${Action.RequestHandle}`);
  }
}
