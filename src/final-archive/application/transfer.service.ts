import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ArchiveFacade } from '../../archive/archive.facade';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { Action, RequestContext, Tier } from '../../platform/context';
import { PremisEventType, PreservationFacade } from '../../preservation/preservation.facade';
import { SearchFacade } from '../../search/search.facade';
import { emptySelection, selfApproval, transferNotFound, wrongState } from '../final-archive.errors';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { JobName, JobPayloads } from '../../platform/queue/queue-names';
import { actorOf, jobActorOf, jobContext, premisAgent } from '../domain/actor';
import { canonicalJson, sha256Hex } from '../domain/canonical-digest';
import { Transfer, TransferItem, TransferReceipt, TransferSelection, TransferStatus } from '../domain/transfer';
import { TransferRepository } from '../infrastructure/transfer.repository';
import { SelectionService, summarize } from './selection.service';
import { AipDescriptorWriter } from './aip-descriptor.writer';

export interface TransferDetail extends Transfer {
  items: TransferItem[];
  /** How far an acceptance got, AIP by AIP: copies re-hashed before, transfer events recorded, copies re-hashed after. */
  progress: { aips: number; verifiedBefore: number; transferEvents: number; verifiedAfter: number };
}

/**
 * Transfer of custody (OAIS): a region archivist proposes a selection of intermediate-archive
 * AIPs, an authority archivist (another person) accepts or refuses. Acceptance moves the AIPs and
 * their records to the final tier; the AIPs stay where they are, which every copy's fixity before
 * and after proves.
 */
@Injectable()
export class TransferService {
  constructor(
    private readonly transfers: TransferRepository,
    private readonly selection: SelectionService,
    private readonly archive: ArchiveFacade,
    private readonly search: SearchFacade,
    private readonly preservation: PreservationFacade,
    private readonly audit: AuditFacade,
    private readonly descriptors: AipDescriptorWriter,
    private readonly jobs: JobQueueService,
  ) {}

  async propose(ctx: RequestContext, selection: TransferSelection, note?: string): Promise<TransferDetail> {
    const tenantId = ctx.requireTenant();
    const allowed = ctx.informationTypesFor(Action.TransferPropose, Tier.Intermediate);
    const types = selection.informationTypeId ? allowed.filter((t) => t === selection.informationTypeId) : allowed;
    if (types.length === 0) throw emptySelection();
    const pending = await this.transfers.pendingAipIds(tenantId);
    const aips = (
      await this.selection.select(
        ctx,
        { informationTypeIds: types, sourceSystem: selection.sourceSystem, deliveryIds: selection.deliveryIds, tier: 'intermediate', statuses: ['active', 'superseded'] },
        selection.period,
      )
    ).filter((a) => !pending.has(a.id));
    if (aips.length === 0) throw emptySelection();
    const id = randomUUID();
    const summary = summarize(aips);
    const items: TransferItem[] = aips.map((a) => ({
      aipId: a.id,
      objectId: a.objectId,
      informationTypeId: a.informationTypeId,
      sourceSystem: a.sourceSystem,
      deliveryId: a.deliveryId,
      records: a.records,
      bytes: a.totalBytes,
      firstDate: a.firstDate,
      lastDate: a.lastDate,
      heldRecords: a.heldRecords,
      fixityBefore: null,
      fixityAfter: null,
      transferEventAt: null,
    }));
    await this.audit.withAudit(ctx, { action: AuditAction.Transfer, details: { transferId: id, step: 'proposed', aips: summary.aips, records: summary.records } }, () =>
      this.transfers.insert({ tenantId, id, selection, summary, note: note ?? null, proposedBy: actorOf(ctx) }, items),
    );
    return this.get(ctx, id);
  }

  async get(ctx: RequestContext, id: string): Promise<TransferDetail> {
    const tenantId = ctx.requireTenant();
    const t = await this.transfers.find(tenantId, id);
    if (!t || !this.maySee(ctx, t)) throw transferNotFound();
    const items = await this.transfers.items(tenantId, id);
    const count = (has: (i: TransferItem) => boolean) => items.filter(has).length;
    return {
      ...t,
      items,
      progress: { aips: items.length, verifiedBefore: count((i) => i.fixityBefore !== null), transferEvents: count((i) => i.transferEventAt !== null), verifiedAfter: count((i) => i.fixityAfter !== null) },
    };
  }

  async list(ctx: RequestContext, filter: { status?: TransferStatus; limit?: number; offset?: number }): Promise<Transfer[]> {
    const rows = await this.transfers.list(ctx.requireTenant(), filter.status, Math.min(filter.limit ?? 50, 200), filter.offset ?? 0);
    return rows.filter((t) => this.maySee(ctx, t));
  }

  async refuse(ctx: RequestContext, id: string, note: string): Promise<TransferDetail> {
    const tenantId = ctx.requireTenant();
    const t = await this.decidable(ctx, id);
    await this.audit.withAudit(ctx, { action: AuditAction.Transfer, details: { transferId: id, step: 'refused' } }, async () => {
      const ok = await this.transfers.transaction((m) => this.transfers.decide(m, tenantId, id, 'refused', actorOf(ctx), note));
      if (!ok) throw wrongState('transfer', 'already decided');
    });
    return this.get(ctx, t.id);
  }

  /**
   * Accepts custody: the decision is taken here (two people, the accept right in the final tier)
   * and a job (one per transfer) completes it; accepting again while it runs resumes the job.
   */
  async accept(ctx: RequestContext, id: string, note?: string): Promise<TransferDetail> {
    const tenantId = ctx.requireTenant();
    const t = await this.transfers.find(tenantId, id);
    if (t?.status === 'accepting' && this.maySee(ctx, t)) {
      // Resuming an acceptance whose job stopped (e.g. the process died): only a decider may.
      this.requireDecider(ctx, t);
      await this.jobs.enqueueAgain(JobName.TransferAccept, { tenantId, transferId: id, actor: jobActorOf(ctx) }, id);
      return this.get(ctx, id);
    }
    await this.decidable(ctx, id);
    await this.audit.withAudit(ctx, { action: AuditAction.Transfer, details: { transferId: id, step: 'accepted', aips: t!.summary.aips } }, () =>
      this.transfers.transaction(async (m) => {
        if (!(await this.transfers.decide(m, tenantId, id, 'accepting', actorOf(ctx), note ?? null))) throw wrongState('transfer', 'already decided');
      }),
    );
    await this.jobs.enqueueAgain(JobName.TransferAccept, { tenantId, transferId: id, actor: jobActorOf(ctx) }, id);
    return this.get(ctx, id);
  }

  /**
   * Completes an acceptance, resuming wherever an earlier run stopped; every step is recorded
   * per AIP and done once. Every copy of every AIP is re-hashed before anything changes; the
   * catalogue and the index change tier in one transaction; each AIP's descriptor records the
   * tier in a new version (so a rebuild from storage keeps the custody); a PREMIS transfer event
   * goes on every AIP; every copy is re-hashed again; the receipt records both, written once
   * together with the final status.
   */
  @JobHandler(JobName.TransferAccept)
  async acceptJob(payload: JobPayloads[JobName.TransferAccept]): Promise<{ status: string }> {
    const { tenantId, transferId: id } = payload;
    const ctx = jobContext(tenantId, payload.actor);
    const t = await this.transfers.find(tenantId, id);
    if (t?.status !== 'accepting') return { status: t?.status ?? 'missing' };
    for (const item of await this.transfers.items(tenantId, id)) {
      if (item.fixityBefore === null) await this.transfers.setFixity(tenantId, id, item.aipId, 'fixity_before', await this.preservation.verifyCopies(ctx, item.objectId));
    }
    const items = await this.transfers.items(tenantId, id);
    const aipIds = items.map((i) => i.aipId);
    await this.transfers.transaction(async (m) => {
      await this.archive.setTier(ctx, m, aipIds, 'final');
      await this.search.setTier(ctx, m, aipIds, 'final');
    });
    const at = new Date(t.decidedAt!);
    for (const item of items) {
      await this.descriptors.recordTier(ctx, item.objectId, 'final', `Transfer ${id}: custody taken over by the archive authority`);
      if (item.transferEventAt === null) {
        // An earlier run may have recorded the event and died before noting it.
        const events = await this.preservation.listEvents(ctx, item.objectId);
        if (!events.some((e) => e.type === PremisEventType.Transfer && e.outcomeDetail?.transferId === id)) {
          await this.preservation.recordEvent(ctx, item.objectId, {
            type: PremisEventType.Transfer,
            outcome: 'success',
            detail: 'Custody transferred from the intermediate archive to the archive authority (final archive); content unchanged',
            outcomeDetail: { transferId: id, fromTier: 'intermediate', toTier: 'final' },
            agent: premisAgent(ctx),
            at,
          });
        }
        await this.transfers.eventRecorded(tenantId, id, item.aipId);
      }
      if (item.fixityAfter === null) await this.transfers.setFixity(tenantId, id, item.aipId, 'fixity_after', await this.preservation.verifyCopies(ctx, item.objectId));
    }
    const done = await this.transfers.items(tenantId, id);
    const body: Omit<TransferReceipt, 'digest'> = {
      transferId: id,
      tenantId,
      acceptedAt: t.decidedAt!,
      acceptedBy: t.decidedBy!,
      proposedBy: t.proposedBy,
      summary: t.summary,
      aips: done.map((item) => receiptAip(item)),
      unchanged: false,
    };
    body.unchanged = body.aips.every((a) => a.copies.length > 0 && a.copies.every((c) => c.intact && c.inventoryDigestAfter !== '' && c.inventoryDigestBefore === c.inventoryDigestAfter));
    await this.transfers.complete(tenantId, id, { ...body, digest: sha256Hex(canonicalJson(body)) });
    return { status: 'accepted' };
  }

  async receipt(ctx: RequestContext, id: string): Promise<TransferReceipt> {
    const t = await this.get(ctx, id);
    if (!t.receipt) throw wrongState('transfer', t.status === 'accepting' ? 'still being accepted' : t.status);
    await this.audit.record(ctx, { action: AuditAction.Transfer, details: { transferId: id, step: 'receipt-read' } });
    return t.receipt;
  }

  /** The decider needs the accept action in the final tier for every type in the transfer, and must not be the proposer. */
  private async decidable(ctx: RequestContext, id: string): Promise<Transfer> {
    const t = await this.transfers.find(ctx.requireTenant(), id);
    if (!t || !this.maySee(ctx, t)) throw transferNotFound();
    // Checked first so the proposer always hears why, whatever other grants they hold.
    if (t.proposedBy.id === actorOf(ctx).id) {
      await this.audit.record(ctx, { action: AuditAction.Transfer, outcome: AuditOutcome.Refused, details: { transferId: id, step: 'self-decision-refused' } });
      throw selfApproval();
    }
    this.requireDecider(ctx, t);
    if (t.status !== 'proposed') throw wrongState('transfer', t.status);
    return t;
  }

  private requireDecider(ctx: RequestContext, t: Transfer): void {
    for (const type of t.summary.informationTypes) ctx.requireAction(Action.TransferAccept, { informationTypeId: type, tier: Tier.Final });
  }

  private maySee(ctx: RequestContext, t: Transfer): boolean {
    return t.summary.informationTypes.some((type) => ctx.can(Action.TransferRead, { informationTypeId: type }));
  }
}

/** The proof for one AIP: per copy, the head and inventory digest taken over, and the same version's digest after. */
function receiptAip(item: TransferItem): TransferReceipt['aips'][number] {
  const pre = item.fixityBefore ?? [];
  return {
    aipId: item.aipId,
    objectId: item.objectId,
    records: item.records,
    bytes: item.bytes,
    copies: (item.fixityAfter ?? []).map((c) => {
      const b = pre.find((p) => p.location === c.location);
      const taken = b?.head ?? '';
      return { location: c.location, headBefore: taken, headAfter: c.head, inventoryDigestBefore: b?.inventoryDigest ?? '', inventoryDigestAfter: c.versionDigests[taken] ?? '', intact: c.valid && !!b?.valid };
    }),
  };
}
