import { Injectable, Optional } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { Action, RequestContext } from '../../platform/context';
import { IndexedRecord } from '../domain/indexed-record';
import { RecordFileSource } from '../domain/record-file-source.port';
import { RecordView, toView } from '../domain/record-views';
import { fileNotFound, fileSourceUnavailable, recordNotFound } from '../search.errors';
import { grantedTiers } from './granted-tiers';
import { viewerUnit } from './viewer-unit';
import { auditPatient } from './audit-patient';
import { SearchTypes } from './information-types';
import { RecordIndex } from '../domain/record-index.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface RecordFile {
  stream: Readable;
  fileName: string;
}

/** One record by id: rendered per its type's layout, original and attachments downloadable; all logged. */
@Injectable()
export class RecordViewService {
  constructor(
    private readonly types: SearchTypes,
    private readonly index: RecordIndex,
    private readonly audit: AuditFacade,
    @Optional() private readonly files?: RecordFileSource,
  ) {}

  async view(ctx: RequestContext, id: string): Promise<RecordView> {
    const rec = await this.readable(ctx, id, AuditAction.View);
    const view = toView(this.types.get(rec.informationTypeId), rec);
    await this.audit.record(ctx, this.entry(rec, AuditAction.View));
    return view;
  }

  /** The file the record was mapped from, as delivered. */
  original(ctx: RequestContext, id: string): Promise<RecordFile> {
    return this.download(ctx, id, 'original', (rec) => rec.sourceFile);
  }

  attachment(ctx: RequestContext, id: string, index: number): Promise<RecordFile> {
    return this.download(ctx, id, `attachment ${index}`, (rec) => rec.attachments[index]);
  }

  /** `which` goes to the log, not the path: file names often carry patient names. */
  private async download(ctx: RequestContext, id: string, which: string, pick: (rec: IndexedRecord) => string | undefined): Promise<RecordFile> {
    const rec = await this.readable(ctx, id, AuditAction.Download);
    const path = pick(rec);
    if (!path) throw fileNotFound();
    if (!this.files) throw fileSourceUnavailable();
    // Logged before any byte leaves (fail closed).
    await this.audit.record(ctx, { ...this.entry(rec, AuditAction.Download), details: { file: which } });
    const stream = await this.files.open(ctx, { aipId: rec.aipId, tier: rec.tier, logicalPath: path });
    return { stream, fileName: path.split('/').pop() ?? 'file' };
  }

  /**
   * The record if it is in the caller's tenant and of a type and tier the caller may read.
   * Anything else answers "not found", and the refused attempt is logged.
   */
  private async readable(ctx: RequestContext, id: string, action: AuditAction): Promise<IndexedRecord & { body: string }> {
    const tenantId = ctx.requireTenant();
    const rec = UUID.test(id) ? await this.index.get(tenantId, id) : null;
    if (!rec || !grantedTiers(ctx, Action.RecordRead, rec.informationTypeId).includes(rec.tier as never)) {
      await this.audit.record(ctx, { action, outcome: AuditOutcome.Refused, recordIds: [id.slice(0, 64)], details: { reason: 'not-found-or-not-granted' } });
      throw recordNotFound();
    }
    // Spärr: the same "not found" as any unreadable record; the log names the record, its patient and why.
    if (this.types.get(rec.informationTypeId).patientData && (await this.index.isBlocked(rec, viewerUnit(ctx)))) {
      const entry = this.entry(rec, action);
      await this.audit.record(ctx, { ...entry, outcome: AuditOutcome.Refused, details: { ...entry.details, reason: 'blocked' } });
      throw recordNotFound();
    }
    return rec;
  }

  private entry(rec: IndexedRecord, action: AuditAction) {
    const type = this.types.get(rec.informationTypeId);
    const who = type.patientData ? auditPatient(rec.patientId, rec.patientIssuer) : { patient: null, details: {} };
    return {
      action,
      informationTypeId: rec.informationTypeId,
      patient: who.patient,
      recordIds: [rec.id],
      details: Object.keys(who.details).length ? who.details : null,
    };
  }
}
