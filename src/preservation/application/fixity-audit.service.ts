import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { auditObject, AuditCursor, AuditResult, StorageError, StorageErrorCode, TokenBucket, inventoryDigest } from '@samarkiv/storage';
import { randomUUID } from 'node:crypto';
import { preservationConfig } from '../../platform/config/settings';
import { RequestContext } from '../../platform/context';
import { PremisEventType } from '../domain/preservation-event';
import { AuditReportRepository, RunCounters, RunTrigger } from '../infrastructure/audit-report.repository';
import { CatalogueRepository, CopyRow } from '../infrastructure/catalogue.repository';
import { EventRepository } from '../infrastructure/event.repository';
import { StorageLocation, StorageLocations } from '../infrastructure/storage-locations';
import { WriteLocks } from '../infrastructure/write-locks';
import { summarize } from './copy-check';
import { RepairService } from './repair.service';

export interface AuditRunOptions {
  trigger: RunTrigger;
  /** Audit every copy of the location now (CLI), instead of this slice's share of the cycle. */
  everything?: boolean;
  tenantId?: string;
  /** Restore failed copies from intact ones (the schedule does; `storage verify` only reports). */
  repair: boolean;
  /** Bytes/s; default the configured share, 0 = unthrottled. */
  bytesPerSecond?: number;
}

export interface AuditRunResult extends RunCounters {
  runId: string | null;
  location: string;
  skipped?: 'location busy';
  failures: Array<{ tenantId: string; objectId: string; kinds: string[]; files: number; outcome: 'repaired' | 'damaged' | 'unrepaired' }>;
}

const PAGE = 200;
/** Persist the in-object cursor at most this often: resumable without a write per file. */
const CURSOR_EVERY_MS = 5000;
const LEASE_SECONDS = 300;

/**
 * Fixity audits per location: re-hash every stored file against its manifest, throttled, in
 * slices that cover the whole location once per cycle; resumable (cursor in the database), one
 * PREMIS fixity-check event per object, a report per run.
 */
@Injectable()
export class FixityAuditService {
  private readonly logger = new Logger('preservation');
  private readonly owner = `${process.pid}-${randomUUID()}`;

  constructor(
    private readonly reports: AuditReportRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly events: EventRepository,
    private readonly locations: StorageLocations,
    private readonly locks: WriteLocks,
    private readonly repairs: RepairService,
    @Inject(preservationConfig.KEY) private readonly config: ConfigType<typeof preservationConfig>,
  ) {}

  async run(ctx: RequestContext, locationName: string, opts: AuditRunOptions): Promise<AuditRunResult> {
    const empty: RunCounters = { objectsChecked: 0, filesChecked: 0, bytesChecked: 0, objectsFailed: 0, objectsRepaired: 0, objectsDamaged: 0 };
    const location = await this.locations.refresh(locationName);
    if (!(await this.reports.takeLease(locationName, this.owner, LEASE_SECONDS))) return { runId: null, location: locationName, skipped: 'location busy', failures: [], ...empty };
    const result: AuditRunResult = { runId: null, location: locationName, failures: [], ...empty };
    try {
      // Staging leftovers of crashed writers, when nobody is writing anywhere.
      await this.locks.whenNoWriters(() => location.store.recover());
      const cursor = await this.reports.cursor(locationName);
      const resumed = opts.trigger === 'schedule' && cursor.runId ? await this.reports.runCounters(cursor.runId) : null;
      if (cursor.runId && !resumed) await this.reports.markInterrupted(cursor.runId);
      result.runId = resumed ? (cursor.runId as string) : await this.reports.startRun(locationName, opts.trigger);
      Object.assign(result, resumed ?? {});
      const throttle = this.throttle(opts);
      const started = new Date();
      const budget = opts.everything ? Infinity : await this.sliceBudget(locationName);
      const overdue = new Date(Date.now() - this.config.auditCycleMs);
      let pending: CopyRow | undefined;
      if (resumed && cursor.tenantId && cursor.objectId) {
        pending = (await this.catalogue.copies(cursor.tenantId, cursor.objectId)).find((c) => c.location === locationName);
      }
      let spent = 0;
      for (;;) {
        const page = pending ? [pending] : await this.reports.nextCopies(locationName, started, PAGE, opts.tenantId);
        if (page.length === 0) break;
        for (const copy of page) {
          // The slice ends at its byte budget, unless copies are overdue for the cycle.
          if (spent >= budget && copy.auditedAt !== null && copy.auditedAt >= overdue) return await this.finish(result, 'completed');
          const objectCursor = pending && cursor.objectCursor?.objectId === copy.objectId ? cursor.objectCursor : undefined;
          const checked = await this.auditCopy(ctx, location, copy, result, opts, throttle, objectCursor);
          spent += checked;
          await this.reports.takeLease(locationName, this.owner, LEASE_SECONDS);
        }
        if (pending) pending = undefined;
      }
      return await this.finish(result, 'completed');
    } catch (e) {
      this.logger.error({ location: locationName, error: (e as Error).message }, 'fixity audit run failed');
      if (result.runId) await this.reports.saveRun(result.runId, result, 'interrupted', (e as Error).message);
      throw e;
    } finally {
      await this.reports.releaseLease(locationName, this.owner);
    }
  }

  private async finish(result: AuditRunResult, status: 'completed'): Promise<AuditRunResult> {
    await this.reports.saveRun(result.runId as string, result, status);
    await this.reports.saveCursor(result.location, { runId: null, tenantId: null, objectId: null, objectCursor: null });
    this.logger.log({ location: result.location, objects: result.objectsChecked, bytes: result.bytesChecked, failed: result.objectsFailed, repaired: result.objectsRepaired, damaged: result.objectsDamaged }, 'fixity audit slice done');
    return result;
  }

  /** This slice's share of the location: its bytes spread over the cycle, one slice per interval. */
  private async sliceBudget(location: string): Promise<number> {
    const bytes = await this.reports.locationBytes(location);
    return Math.max(1, Math.ceil((bytes * this.config.auditIntervalMs) / this.config.auditCycleMs));
  }

  private throttle(opts: AuditRunOptions): TokenBucket | undefined {
    const rate = opts.bytesPerSecond ?? this.config.auditBytesPerSecond;
    // A burst of one second's share: smooth, yet large files are not chopped into waits per chunk.
    return rate > 0 ? new TokenBucket(rate, rate) : undefined;
  }

  /** Audits one copy; returns the bytes read. */
  private async auditCopy(
    ctx: RequestContext,
    location: StorageLocation,
    copy: CopyRow,
    result: AuditRunResult,
    opts: AuditRunOptions,
    throttle: TokenBucket | undefined,
    resumeFrom: AuditCursor | undefined,
  ): Promise<number> {
    const { tenantId, objectId } = copy;
    const row = await this.catalogue.object(tenantId, objectId);
    if (!row || row.status === 'storing') return 0;
    const files = await this.catalogue.files(tenantId, objectId);
    let lastSave = Date.now();
    const save = (c: AuditCursor | null) => this.reports.saveCursor(location.name, { runId: result.runId, tenantId, objectId, objectCursor: c });
    await save(resumeFrom ?? null);
    let audit: AuditResult;
    try {
      audit = await auditObject(location.store, tenantId, objectId, {
        throttle,
        cursor: resumeFrom,
        expectedSizes: new Map([...files].map(([p, f]) => [p, f.size])),
        onProgress: (c) => {
          if (Date.now() - lastSave < CURSOR_EVERY_MS) return;
          lastSave = Date.now();
          void save(c).catch(() => undefined);
        },
      });
      if ((await inventoryDigest(location.store, tenantId, objectId)) !== row.inventoryDigest) {
        audit.findings.push({ kind: 'changed', path: 'inventory.json', message: 'inventory differs from the catalogue' });
      }
    } catch (e) {
      if (!(e instanceof StorageError && e.code === StorageErrorCode.NotFound)) throw e;
      audit = { objectId, findings: [{ kind: 'missing', path: 'inventory.json', message: 'copy missing' }], checkedFiles: 0, checkedBytes: 0 };
    }
    result.objectsChecked++;
    result.filesChecked += audit.checkedFiles;
    result.bytesChecked += audit.checkedBytes;
    const summary = summarize(location.name, audit.findings);
    const now = new Date();
    await this.events.insert(
      tenantId,
      objectId,
      {
        type: PremisEventType.FixityCheck,
        outcome: summary.ok ? 'success' : 'failure',
        detail: summary.ok ? `${audit.checkedFiles} file(s) in ${location.name} match their manifest digests` : `copy in ${location.name} failed its fixity check`,
        outcomeDetail: { files: audit.checkedFiles, bytes: audit.checkedBytes, findings: summary.kinds, failedFiles: summary.files, runId: result.runId },
        location: location.name,
      },
      ctx.correlationId,
    );
    if (summary.ok) {
      await this.catalogue.upsertCopy(this.catalogue.manager, tenantId, objectId, location.name, { status: 'verified', head: row.head, verifiedAt: now, auditedAt: now, findings: [] });
    } else {
      await this.onFailure(ctx, location, copy, result, opts, summary.kinds, summary.files, row.head, now);
    }
    await this.reports.saveRun(result.runId as string, result);
    return audit.checkedBytes;
  }

  private async onFailure(
    ctx: RequestContext,
    location: StorageLocation,
    copy: CopyRow,
    result: AuditRunResult,
    opts: AuditRunOptions,
    kinds: string[],
    files: number,
    head: string | null,
    now: Date,
  ): Promise<void> {
    const { tenantId, objectId } = copy;
    result.objectsFailed++;
    this.logger.warn({ tenantId, objectId, location: location.name, findings: kinds }, 'copy failed its fixity check');
    await this.catalogue.upsertCopy(this.catalogue.manager, tenantId, objectId, location.name, { status: 'failed', head, auditedAt: now, findings: kinds });
    let outcome: 'repaired' | 'damaged' | 'unrepaired' = 'unrepaired';
    if (opts.repair) {
      // The repair re-checks every copy under the object's write lock: a version written while
      // this audit read the copy is not mistaken for damage.
      const repaired = await this.repairs.repairObject(ctx, tenantId, objectId);
      outcome = repaired.status === 'damaged' ? 'damaged' : 'repaired';
      if (outcome === 'repaired') result.objectsRepaired++;
      else result.objectsDamaged++;
    }
    result.failures.push({ tenantId, objectId, kinds, files, outcome });
    await this.reports.addFinding(result.runId as string, { tenantId, objectId, location: location.name, kinds, files, outcome });
  }
}
