import { Injectable, Optional } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { Action, RequestContext } from '../../platform/context';
import { NotFoundError } from '../../platform/errors/domain.error';
import { IndexedRecord } from '../domain/indexed-record';
import { RecordFileSource } from '../domain/record-file-source.port';
import { RecordView, toView } from '../domain/record-views';
import type { RenderLocale } from '../domain/render/html';
import { renderRecordHtml, RenderInput } from '../domain/render/record.renderer';
import { fileNotFound, fileShared, fileSourceUnavailable, recordNotFound } from '../search.errors';
import { grantedTiers } from './granted-tiers';
import { viewerUnit } from './viewer-unit';
import { auditPatient } from './audit-patient';
import { SearchTypes } from './information-types';
import { RecordIndex } from '../domain/record-index.port';

/** Originals up to this size are rendered from their bytes; larger ones show the canonical record. */
export const MAX_RENDER_BYTES = 16 * 1024 * 1024;
/** The formats rendered from the original; the others (CSV, PDF, images…) show the canonical record. */
const RENDERED_FORMATS = /\.(xml|json|cda|ccd|ccda|fhir)$/i;

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

  /** The record as a safe, self-contained HTML page, rendered from its original where we can read its format. Logged as a view. */
  async rendered(ctx: RequestContext, id: string, locale: RenderLocale): Promise<string> {
    const rec = await this.readable(ctx, id, AuditAction.View);
    const type = this.types.get(rec.informationTypeId);
    const shared = type.patientData && (await this.sharedWithOtherPatients(rec, rec.sourceFile));
    const input: RenderInput = { type, record: rec, locale, sharedWithOtherPatients: shared, ...(await this.originalForRendering(ctx, rec)) };
    const html = renderRecordHtml(input);
    await this.audit.record(ctx, { ...this.entry(rec, AuditAction.View), details: { rendered: true } });
    return html;
  }

  private async sharedWithOtherPatients(rec: IndexedRecord, path: string): Promise<boolean> {
    const patients = (await this.index.filePatients(rec.tenantId, [{ aipId: rec.aipId, path }])).get(`${rec.aipId}\n${path}`) ?? [];
    return patients.some((p) => p !== (rec.patientId ?? ''));
  }

  private async originalForRendering(ctx: RequestContext, rec: IndexedRecord): Promise<Pick<RenderInput, 'original' | 'skipped'>> {
    if (!this.files || !RENDERED_FORMATS.test(rec.sourceFile)) return { original: null, skipped: 'fallback' };
    let stream: Readable;
    try {
      stream = await this.files.open(ctx, { aipId: rec.aipId, tier: rec.tier, logicalPath: rec.sourceFile });
    } catch (e) {
      if (e instanceof NotFoundError) return { original: null, skipped: 'fallback' };
      throw e;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > MAX_RENDER_BYTES) {
        stream.destroy();
        return { original: null, skipped: 'tooLarge' };
      }
      chunks.push(chunk as Buffer);
    }
    return { original: Buffer.concat(chunks) };
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
    if (this.types.get(rec.informationTypeId).patientData && (await this.sharedWithOtherPatients(rec, path))) {
      await this.audit.record(ctx, { ...this.entry(rec, AuditAction.Download), outcome: AuditOutcome.Refused, details: { file: which, reason: 'file-holds-other-patients' } });
      throw fileShared();
    }
    const stream = await this.files.open(ctx, { aipId: rec.aipId, tier: rec.tier, logicalPath: path });
    // Logged before any byte leaves (fail closed): the opened stream has not flowed yet.
    try {
      await this.audit.record(ctx, { ...this.entry(rec, AuditAction.Download), details: { file: which } });
    } catch (e) {
      stream.destroy();
      throw e;
    }
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
