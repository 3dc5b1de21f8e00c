import { Injectable, Optional } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { parseSwedishPersonalId } from '@samarkiv/records';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { Action, RequestContext } from '../../platform/context';
import { IndexedRecord } from '../domain/indexed-record';
import { RecordFileSource } from '../domain/record-file-source.port';
import { RecordView, toView } from '../domain/record-views';
import { fileNotFound, fileSourceUnavailable, recordNotFound } from '../search.errors';
import { grantedTiers } from './granted-tiers';
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
    return this.download(ctx, id, (rec) => rec.sourceFile);
  }

  attachment(ctx: RequestContext, id: string, index: number): Promise<RecordFile> {
    return this.download(ctx, id, (rec) => rec.attachments[index]);
  }

  private async download(ctx: RequestContext, id: string, pick: (rec: IndexedRecord) => string | undefined): Promise<RecordFile> {
    const rec = await this.readable(ctx, id, AuditAction.Download);
    const path = pick(rec);
    if (!path) throw fileNotFound();
    if (!this.files) throw fileSourceUnavailable();
    // Logged before any byte leaves (fail closed).
    await this.audit.record(ctx, { ...this.entry(rec, AuditAction.Download), details: { file: path } });
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
    return rec;
  }

  private entry(rec: IndexedRecord, action: AuditAction) {
    const type = this.types.get(rec.informationTypeId);
    const swedish = rec.patientId && parseSwedishPersonalId(rec.patientId) ? rec.patientId : null;
    return {
      action,
      informationTypeId: rec.informationTypeId,
      patient: type.patientData && swedish ? { id: swedish } : null,
      recordIds: [rec.id],
      details: rec.patientId && !swedish ? { patientIdIssuer: rec.patientIssuer } : null,
    };
  }
}
