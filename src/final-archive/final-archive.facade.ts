import { Injectable } from '@nestjs/common';
import { Action, RequestContext, Tier } from '../platform/context';
import { ArchiveFacade } from '../archive/archive.facade';
import { SelectionService, summarize } from './application/selection.service';
import { destructionCsv, destructionPdf } from './application/destruction-report';
import { DisclosureRequestService, RegisterRequestInput } from './application/disclosure-request.service';
import { DisposalDetail, DisposalService, DryRun } from './application/disposal.service';
import { HoldService } from './application/hold.service';
import { CandidateView, RetentionService } from './application/retention.service';
import { TransferDetail, TransferService } from './application/transfer.service';
import { actorOf } from './domain/actor';
import type { DisclosureRequest, SecrecyAssessment } from './domain/disclosure-request';
import type { Disposal } from './domain/disposal';
import type { HoldScope, LegalHold } from './domain/hold';
import type { RetentionRule, RetentionTrigger } from './domain/retention';
import type { SelectionSummary, Transfer, TransferReceipt, TransferSelection, TransferStatus } from './domain/transfer';
import type { RequestFilter } from './infrastructure/disclosure-request.repository';
import { TransferRepository } from './infrastructure/transfer.repository';
import { emptySelection } from './final-archive.errors';

export type { CandidateView, DisclosureRequest, Disposal, DisposalDetail, DryRun, HoldScope, LegalHold, RetentionRule, RetentionTrigger, SecrecyAssessment, SelectionSummary, Transfer, TransferDetail, TransferSelection, TransferStatus };
export { ASSESSMENTS } from './domain/disclosure-request';
export { HOLD_SCOPES } from './domain/hold';
export { RETENTION_TRIGGERS } from './domain/retention';

/** The final-archive module's public surface for other modules. */
@Injectable()
export class FinalArchiveFacade {
  constructor(
    private readonly archive: ArchiveFacade,
    private readonly selection: SelectionService,
    private readonly transfers: TransferService,
    private readonly transferRows: TransferRepository,
    private readonly disposals: DisposalService,
    private readonly retention: RetentionService,
    private readonly holds: HoldService,
    private readonly requests: DisclosureRequestService,
  ) {}

  /** Whether a legal hold reaches the AIP (by itself, its delivery, one of its records or patients). */
  async isHeld(ctx: RequestContext, aipId: string): Promise<boolean> {
    const aips = await this.archive.selectAips(ctx, { ids: [aipId] });
    const [described] = await this.selection.describe(ctx, aips);
    return described?.held ?? false;
  }

  // --- Console ---

  /** Who the registers say the caller is (to tell the proposer from the decider). */
  actorId(ctx: RequestContext): string {
    return actorOf(ctx).id;
  }

  /**
   * What a transfer proposal of this selection would hold now, without proposing it: the same
   * selection the proposal makes (AIPs already in a pending transfer left out).
   */
  async previewTransfer(ctx: RequestContext, selection: TransferSelection): Promise<SelectionSummary> {
    const allowed = ctx.informationTypesFor(Action.TransferPropose, Tier.Intermediate);
    const types = selection.informationTypeId ? allowed.filter((t) => t === selection.informationTypeId) : allowed;
    if (types.length === 0) throw emptySelection();
    const pending = await this.transferRows.pendingAipIds(ctx.requireTenant());
    const aips = await this.selection.select(
      ctx,
      { informationTypeIds: types, sourceSystem: selection.sourceSystem, deliveryIds: selection.deliveryIds, tier: 'intermediate', statuses: ['active', 'superseded'] },
      selection.period,
    );
    return summarize(aips.filter((a) => !pending.has(a.id)));
  }

  proposeTransfer(ctx: RequestContext, selection: TransferSelection, note?: string): Promise<TransferDetail> {
    return this.transfers.propose(ctx, selection, note);
  }

  listTransfers(ctx: RequestContext, filter: { status?: TransferStatus; limit?: number; offset?: number }): Promise<Transfer[]> {
    return this.transfers.list(ctx, filter);
  }

  getTransfer(ctx: RequestContext, id: string): Promise<TransferDetail> {
    return this.transfers.get(ctx, id);
  }

  acceptTransfer(ctx: RequestContext, id: string, note?: string): Promise<TransferDetail> {
    return this.transfers.accept(ctx, id, note);
  }

  refuseTransfer(ctx: RequestContext, id: string, note: string): Promise<TransferDetail> {
    return this.transfers.refuse(ctx, id, note);
  }

  transferReceipt(ctx: RequestContext, id: string): Promise<TransferReceipt> {
    return this.transfers.receipt(ctx, id);
  }

  disposalCandidates(ctx: RequestContext): Promise<CandidateView[]> {
    return this.retention.candidates(ctx);
  }

  async scanRetention(ctx: RequestContext): Promise<{ candidates: number; truncated: boolean }> {
    await this.retention.requireScanRight(ctx);
    return this.retention.scan(ctx);
  }

  proposeDisposal(ctx: RequestContext, aipIds: string[], note?: string): Promise<DisposalDetail> {
    return this.disposals.propose(ctx, aipIds, note);
  }

  listDisposals(ctx: RequestContext, limit: number, offset: number): Promise<Disposal[]> {
    return this.disposals.list(ctx, limit, offset);
  }

  getDisposal(ctx: RequestContext, id: string): Promise<DisposalDetail> {
    return this.disposals.get(ctx, id);
  }

  disposalDryRun(ctx: RequestContext, id: string): Promise<DryRun> {
    return this.disposals.dryRun(ctx, id);
  }

  approveDisposal(ctx: RequestContext, id: string, decisionReference: string): Promise<DisposalDetail> {
    return this.disposals.approve(ctx, id, decisionReference);
  }

  refuseDisposal(ctx: RequestContext, id: string, note: string): Promise<DisposalDetail> {
    return this.disposals.refuse(ctx, id, note);
  }

  /** Starts (or resumes) the execution; the disposal's status tells how far it came. */
  async executeDisposal(ctx: RequestContext, id: string): Promise<void> {
    await this.disposals.execute(ctx, id);
  }

  /** The destruction report as the same PDF or CSV the REST API hands out. */
  async destructionReportFile(ctx: RequestContext, id: string, format: 'pdf' | 'csv'): Promise<{ body: Buffer; contentType: string; fileName: string }> {
    const report = await this.disposals.report(ctx, id);
    return format === 'pdf'
      ? { body: await destructionPdf(report), contentType: 'application/pdf', fileName: `gallring-${id}.pdf` }
      : { body: destructionCsv(report), contentType: 'text/csv; charset=utf-8', fileName: `gallring-${id}.csv` };
  }

  listRetentionRules(ctx: RequestContext): Promise<RetentionRule[]> {
    return this.retention.listRules(ctx);
  }

  createRetentionRule(ctx: RequestContext, input: { informationTypeId: string; sourceSystem?: string; trigger: RetentionTrigger; years: number; description?: string }): Promise<RetentionRule> {
    return this.retention.createRule(ctx, input);
  }

  deleteRetentionRule(ctx: RequestContext, id: string): Promise<void> {
    return this.retention.deleteRule(ctx, id);
  }

  listLegalHolds(ctx: RequestContext, includeReleased: boolean): Promise<LegalHold[]> {
    return this.holds.list(ctx, includeReleased);
  }

  setLegalHold(ctx: RequestContext, input: { scope: HoldScope; target: string; reason: string }): Promise<LegalHold> {
    return this.holds.set(ctx, input);
  }

  releaseLegalHold(ctx: RequestContext, id: string): Promise<LegalHold> {
    return this.holds.release(ctx, id);
  }

  registerRequest(ctx: RequestContext, input: RegisterRequestInput): Promise<DisclosureRequest> {
    return this.requests.register(ctx, input);
  }

  searchRequests(ctx: RequestContext, filter: RequestFilter): Promise<{ items: DisclosureRequest[]; total: number }> {
    return this.requests.search(ctx, filter);
  }

  getRequest(ctx: RequestContext, id: string): Promise<DisclosureRequest> {
    return this.requests.get(ctx, id);
  }

  assessRequest(ctx: RequestContext, id: string, outcome: SecrecyAssessment, reasoning: string): Promise<DisclosureRequest> {
    return this.requests.assess(ctx, id, outcome, reasoning);
  }

  recordHandOut(ctx: RequestContext, id: string, what: { recordIds: string[]; dip?: string; note?: string }): Promise<DisclosureRequest> {
    return this.requests.handOut(ctx, id, what);
  }

  /** Answers a request released in full with a DIP of the records (streamed); the register keeps its manifest. */
  handOutDip(ctx: RequestContext, id: string, what: { recordIds: string[]; note?: string }) {
    return this.requests.handOutDip(ctx, id, what);
  }
}
