import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { parseSwedishPersonalId } from '@samarkiv/records';
import { ArchiveFacade } from '../../archive/archive.facade';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { Action, RequestContext } from '../../platform/context';
import { SearchFacade } from '../../search/search.facade';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { JobName, JobPayloads } from '../../platform/queue/queue-names';
import { actorOf, jobActorOf, jobContext } from '../domain/actor';
import { DestructionReport, Disposal, DisposalItem, Tombstone } from '../domain/disposal';
import { disposalNotFound, emptySelection, held, invalidPatient, notCandidate, selfApproval, wrongState } from '../final-archive.errors';
import { DisposalRepository } from '../infrastructure/disposal.repository';
import { RetentionRepository } from '../infrastructure/retention.repository';
import { DestructionService, filesOnlyOf } from './destruction.service';
import { SelectedAip, SelectionService } from './selection.service';

export interface DisposalDetail extends Disposal {
  items: DisposalItem[];
  /** How far execution got: items destroyed of all. */
  progress: { aips: number; destroyed: number; pending: number };
}

export interface DryRun {
  disposalId: string;
  /** Exactly what execution would destroy now, item by item. */
  items: Array<DisposalItem & { files: string[] | 'all'; held: boolean }>;
  /** AIPs a hold now protects: execution would stop. */
  heldAipIds: string[];
  totals: { aips: number; records: number; bytes: number };
}

const toItem = (a: SelectedAip, scope: 'aip' | 'records', recordIds: string[] = []): DisposalItem => ({
  aipId: a.id,
  objectId: a.objectId,
  deliveryId: a.deliveryId,
  informationTypeId: a.informationTypeId,
  sourceSystem: a.sourceSystem,
  scope,
  recordIds,
  records: scope === 'aip' ? a.records : recordIds.length,
  bytes: scope === 'aip' ? a.totalBytes : 0,
  firstDate: a.firstDate,
  lastDate: a.lastDate,
  status: 'pending',
  step: null,
  locations: null,
  destroyedAt: null,
});

/**
 * Disposal (gallring) and journal destruction: an archivist proposes, the archive authority
 * approves with its decision reference (another person), a dry run shows what would go, and
 * execution destroys every copy unless a hold now protects something, in which case it stops.
 */
@Injectable()
export class DisposalService {
  constructor(
    private readonly disposals: DisposalRepository,
    private readonly retention: RetentionRepository,
    private readonly selection: SelectionService,
    private readonly archive: ArchiveFacade,
    private readonly search: SearchFacade,
    private readonly destruction: DestructionService,
    private readonly audit: AuditFacade,
    private readonly jobs: JobQueueService,
  ) {}

  /** A disposal of retention candidates (whole AIPs). */
  async propose(ctx: RequestContext, aipIds: string[], note?: string): Promise<DisposalDetail> {
    const tenantId = ctx.requireTenant();
    const unique = [...new Set(aipIds)];
    const aips = await this.selection.describe(ctx, await this.archive.selectAips(ctx, { ids: unique, statuses: ['active', 'superseded'] }));
    if (aips.length !== unique.length) throw emptySelection();
    for (const a of aips) ctx.requireAction(Action.DisposalPropose, { informationTypeId: a.informationTypeId });
    const candidates = new Set((await this.retention.candidates(tenantId)).map((c) => c.aipId));
    const open = await this.disposals.openAipIds(tenantId);
    const notListed = aips.filter((a) => !candidates.has(a.id) || open.has(a.id)).map((a) => a.id);
    if (notListed.length) throw notCandidate(notListed);
    const heldIds = aips.filter((a) => a.held).map((a) => a.id);
    if (heldIds.length) throw held(heldIds);
    return this.create(ctx, 'retention', null, aips.map((a) => toItem(a, 'aip')), note);
  }

  /**
   * Journal destruction (IVO decision): every record of one patient in every delivery. An AIP
   * that holds only this patient goes whole; otherwise only the patient's records and files.
   */
  async proposeJournal(ctx: RequestContext, patient: string, note?: string): Promise<DisposalDetail> {
    const parsed = parseSwedishPersonalId(patient);
    if (!parsed) throw invalidPatient();
    const patientId = parsed.id;
    const records = await this.search.locateRecords(ctx, { patientId });
    const byAip = new Map<string, string[]>();
    for (const r of records) byAip.set(r.aipId, [...(byAip.get(r.aipId) ?? []), r.id]);
    const aips = await this.selection.describe(ctx, await this.archive.selectAips(ctx, { ids: [...byAip.keys()], statuses: ['active', 'superseded'] }));
    if (aips.length === 0) throw emptySelection();
    for (const a of aips) ctx.requireAction(Action.DisposalPropose, { informationTypeId: a.informationTypeId });
    const heldIds = aips.filter((a) => a.held).map((a) => a.id);
    if (heldIds.length) throw held(heldIds);
    const items: DisposalItem[] = [];
    for (const a of aips) {
      const ids = byAip.get(a.id)!;
      if (ids.length === a.records) items.push(toItem(a, 'aip'));
      else {
        const item = toItem(a, 'records', ids);
        // Refused now rather than at execution: a file shared with other patients cannot go.
        await filesOnlyOf(this.search, ctx, item);
        items.push(item);
      }
    }
    return this.create(ctx, 'journal', patientId, items, note);
  }

  async get(ctx: RequestContext, id: string): Promise<DisposalDetail> {
    const tenantId = ctx.requireTenant();
    const d = await this.disposals.find(tenantId, id);
    if (!d) throw disposalNotFound();
    const items = await this.disposals.items(tenantId, id);
    if (!items.some((i) => ctx.can(Action.DisposalRead, { informationTypeId: i.informationTypeId }))) throw disposalNotFound();
    const { patientId: _patientId, ...disposal } = d;
    const destroyed = items.filter((i) => i.status === 'destroyed').length;
    return { ...disposal, items, progress: { aips: items.length, destroyed, pending: items.length - destroyed } };
  }

  async list(ctx: RequestContext, limit = 50, offset = 0): Promise<Disposal[]> {
    ctx.requireTenant();
    if (ctx.informationTypesFor(Action.DisposalRead).length === 0) return [];
    return this.disposals.list(ctx.requireTenant(), Math.min(limit, 200), offset);
  }

  async dryRun(ctx: RequestContext, id: string): Promise<DryRun> {
    const d = await this.get(ctx, id);
    const pending = d.items.filter((i) => i.status === 'pending');
    const heldIds = await this.heldNow(ctx, pending);
    const items: DryRun['items'] = [];
    for (const i of pending) items.push({ ...i, files: i.scope === 'aip' ? 'all' : await filesOnlyOf(this.search, ctx, i), held: heldIds.includes(i.aipId) });
    await this.audit.record(ctx, { action: AuditAction.Dispose, details: { disposalId: id, step: 'dry-run', items: items.length, held: heldIds.length } });
    return { disposalId: id, items, heldAipIds: heldIds, totals: totals(pending) };
  }

  async approve(ctx: RequestContext, id: string, decisionReference: string): Promise<DisposalDetail> {
    const d = await this.decidable(ctx, id);
    const by = actorOf(ctx);
    await this.audit.withAudit(ctx, { action: AuditAction.Dispose, details: { disposalId: id, step: 'approved', decisionReference } }, async () => {
      const ok = await this.disposals.transition(ctx.requireTenant(), id, ['proposed'], 'approved', { decision_reference: decisionReference, decided_by: by.id, decided_by_name: by.name, decided_at: new Date() });
      if (!ok) throw wrongState('disposal', 'already decided');
    });
    return this.get(ctx, d.id);
  }

  async refuse(ctx: RequestContext, id: string, note: string): Promise<DisposalDetail> {
    await this.decidable(ctx, id);
    const by = actorOf(ctx);
    await this.audit.withAudit(ctx, { action: AuditAction.Dispose, details: { disposalId: id, step: 'refused' } }, async () => {
      const ok = await this.disposals.transition(ctx.requireTenant(), id, ['proposed'], 'refused', { decided_by: by.id, decided_by_name: by.name, decided_at: new Date(), stop_reason: note });
      if (!ok) throw wrongState('disposal', 'already decided');
    });
    return this.get(ctx, id);
  }

  /**
   * Starts (or resumes) the execution of an approved disposal: checks the caller's rights and the
   * holds now, moves it to `executing` and hands it to a job (one per disposal). A hold that
   * reaches an item already stops it here, before anything is destroyed.
   */
  async execute(ctx: RequestContext, id: string): Promise<DisposalDetail> {
    const tenantId = ctx.requireTenant();
    const d = await this.get(ctx, id);
    for (const type of new Set(d.items.map((i) => i.informationTypeId))) ctx.requireAction(Action.DisposalApprove, { informationTypeId: type });
    if (d.status !== 'approved' && d.status !== 'executing') throw wrongState('disposal', d.status);
    const pending = d.items.filter((i) => i.status === 'pending');
    const heldIds = await this.heldNow(ctx, pending);
    if (heldIds.length) {
      await this.stop(ctx, id, heldIds);
      return this.get(ctx, id);
    }
    const by = actorOf(ctx);
    if (d.status === 'approved') {
      const moved = await this.disposals.transition(tenantId, id, ['approved'], 'executing', { executed_by: by.id, executed_by_name: by.name, execution_started_at: new Date() });
      if (!moved) throw wrongState('disposal', 'already being executed');
    }
    await this.audit.record(ctx, { action: AuditAction.Dispose, details: { disposalId: id, step: d.status === 'approved' ? 'execution-started' : 'execution-resumed', aips: pending.length } });
    await this.jobs.enqueueAgain(JobName.DisposalExecute, { tenantId, disposalId: id, actor: jobActorOf(ctx) }, id);
    return this.get(ctx, id);
  }

  /**
   * The execution job: destroys the pending items one by one, each resuming from the step an
   * earlier run recorded, checking the holds again right before each; the report is written
   * once, by the run that moves the disposal to `executed`.
   */
  @JobHandler(JobName.DisposalExecute)
  async executeJob(payload: JobPayloads[JobName.DisposalExecute]): Promise<{ status: string; destroyed: number }> {
    const { tenantId, disposalId: id } = payload;
    const ctx = jobContext(tenantId, payload.actor);
    const d = await this.disposals.find(tenantId, id);
    if (!d || d.status !== 'executing') return { status: d?.status ?? 'missing', destroyed: 0 };
    const items = await this.disposals.items(tenantId, id);
    let destroyed = 0;
    for (const item of items.filter((i) => i.status === 'pending')) {
      const heldIds = await this.heldNow(ctx, [item]);
      if (heldIds.length) {
        await this.stop(ctx, id, heldIds);
        return { status: 'stopped', destroyed };
      }
      // Someone may have stopped it meanwhile (a hold seen by a resumed request).
      const now = await this.disposals.find(tenantId, id);
      if (now?.status !== 'executing') return { status: now?.status ?? 'missing', destroyed };
      await this.audit.withAudit(
        ctx,
        { action: AuditAction.Dispose, informationTypeId: item.informationTypeId, recordIds: item.recordIds.slice(0, 1000), details: { disposalId: id, step: 'destroyed', aipId: item.aipId, scope: item.scope, records: item.records } },
        () => this.destruction.destroy(ctx, { id, decisionReference: d.decisionReference! }, item),
      );
      destroyed++;
    }
    const done = await this.disposals.items(tenantId, id);
    const executedAt = new Date();
    const report = this.reportOf(tenantId, { ...d, executedBy: d.executedBy ?? actorOf(ctx) }, done, executedAt);
    // The patient's identity leaves the decision once the journal is destroyed; the reference stays.
    if (await this.disposals.transition(tenantId, id, ['executing'], 'executed', { executed_at: executedAt, report: JSON.stringify(report), patient_id: null })) {
      await this.audit.record(ctx, { action: AuditAction.Dispose, details: { disposalId: id, step: 'executed', aips: report.totals.aips, records: report.totals.records } });
    }
    return { status: 'executed', destroyed };
  }

  async report(ctx: RequestContext, id: string): Promise<DestructionReport> {
    const d = await this.get(ctx, id);
    if (!d.report) throw wrongState('disposal', d.status);
    await this.audit.record(ctx, { action: AuditAction.Dispose, details: { disposalId: id, step: 'report-read' } });
    return d.report;
  }

  /** Tombstones of the types the caller may see: what was destroyed, when, by whom, under which decision. */
  async tombstones(ctx: RequestContext, filter: { aipId?: string; disposalId?: string }): Promise<Tombstone[]> {
    const rows = await this.disposals.tombstones(ctx.requireTenant(), filter);
    return rows.filter((t) => ctx.can(Action.DisposalRead, { informationTypeId: t.informationTypeId }));
  }

  private async create(ctx: RequestContext, kind: 'retention' | 'journal', patientId: string | null, items: DisposalItem[], note?: string): Promise<DisposalDetail> {
    const id = randomUUID();
    await this.audit.withAudit(
      ctx,
      { action: AuditAction.Dispose, patient: patientId ? { id: patientId } : null, details: { disposalId: id, step: 'proposed', kind, aips: items.length, records: totals(items).records } },
      () => this.disposals.insert(ctx.requireTenant(), { id, kind, patientId, note: note ?? null, proposedBy: actorOf(ctx) }, items),
    );
    return this.get(ctx, id);
  }

  private async decidable(ctx: RequestContext, id: string): Promise<DisposalDetail> {
    const d = await this.get(ctx, id);
    if (d.proposedBy.id === actorOf(ctx).id) {
      await this.audit.record(ctx, { action: AuditAction.Dispose, outcome: AuditOutcome.Refused, details: { disposalId: id, step: 'self-decision-refused' } });
      throw selfApproval();
    }
    for (const type of new Set(d.items.map((i) => i.informationTypeId))) ctx.requireAction(Action.DisposalApprove, { informationTypeId: type });
    if (d.status !== 'proposed') throw wrongState('disposal', d.status);
    return d;
  }

  /**
   * A hold now protects something: the execution stops before it touches it. What went before
   * stays destroyed, so a stopped execution that destroyed anything still gets its report, for
   * those AIPs, saying it stopped and how many were left.
   */
  private async stop(ctx: RequestContext, id: string, heldIds: string[]): Promise<void> {
    const tenantId = ctx.requireTenant();
    const reason = `A legal hold protects ${heldIds.length} AIP(s): ${heldIds.join(', ')}`;
    const d = await this.disposals.find(tenantId, id);
    const items = await this.disposals.items(tenantId, id);
    const destroyed = items.filter((i) => i.status === 'destroyed');
    const report: DestructionReport | null =
      d && destroyed.length > 0 ? { ...this.reportOf(tenantId, { ...d, executedBy: d.executedBy ?? actorOf(ctx) }, destroyed, new Date()), stopped: { reason, notDestroyed: items.length - destroyed.length } } : null;
    const moved = await this.disposals.transition(tenantId, id, ['approved', 'executing'], 'stopped', { stop_reason: reason, ...(report ? { executed_at: report.executedAt, report: JSON.stringify(report) } : {}) });
    if (moved) await this.audit.record(ctx, { action: AuditAction.Dispose, outcome: AuditOutcome.Refused, details: { disposalId: id, step: 'stopped-by-hold', heldAipIds: heldIds, destroyedBefore: destroyed.length } });
  }

  private reportOf(tenantId: string, d: Disposal, items: DisposalItem[], executedAt: Date): DestructionReport {
    return {
      disposalId: d.id,
      tenantId,
      kind: d.kind,
      decisionReference: d.decisionReference!,
      decidedBy: d.decidedBy!,
      decidedAt: d.decidedAt!,
      executedBy: d.executedBy!,
      executedAt: executedAt.toISOString(),
      items: items.map((i) => ({
        aipId: i.aipId,
        objectId: i.objectId,
        deliveryId: i.deliveryId,
        informationTypeId: i.informationTypeId,
        sourceSystem: i.sourceSystem,
        scope: i.scope,
        records: i.records,
        bytes: i.bytes,
        firstDate: i.firstDate,
        lastDate: i.lastDate,
        locations: i.locations ?? [],
      })),
      totals: totals(items),
    };
  }

  /**
   * AIPs of these items a hold reaches now. Conservative for partial items: any hold that
   * touches the AIP stops it.
   */
  private async heldNow(ctx: RequestContext, items: DisposalItem[]): Promise<string[]> {
    if (items.length === 0) return [];
    const aips = await this.selection.describe(ctx, await this.archive.selectAips(ctx, { ids: items.map((i) => i.aipId) }));
    return aips.filter((a) => a.held).map((a) => a.id);
  }
}

function totals(items: DisposalItem[]) {
  return { aips: items.length, records: items.reduce((n, i) => n + i.records, 0), bytes: items.reduce((n, i) => n + i.bytes, 0) };
}
