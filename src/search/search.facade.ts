import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '@samarkiv/records';
import { RequestContext } from '../platform/context';
import { ExtractionResult, RecordExtractionService, RecordSource, RecordSourceFile } from './application/record-extraction.service';
import { AipIndexRef, RecordIndexingService } from './application/record-indexing.service';
import { AipRecordStats, RecordLifecycleRepository, RecordLocation } from './infrastructure/record-lifecycle.repository';
import { DipExport, DipExportService, DipManifest, DipRequest, MAX_DIP_RECORDS } from './application/dip-export.service';
import { RecordViewService } from './application/record-view.service';
import type { RenderLocale } from './domain/render/html';

export type { RecordSource, RecordSourceFile, AipIndexRef, ExtractionResult, AipRecordStats, RecordLocation, DipExport, DipManifest, DipRequest, RenderLocale };
export { MAX_DIP_RECORDS };
export { RecordFileSource } from './domain/record-file-source.port';

/** The search module's only public surface: ingest maps and indexes records through it. */
@Injectable()
export class SearchFacade {
  constructor(
    private readonly extraction: RecordExtractionService,
    private readonly indexing: RecordIndexingService,
    private readonly lifecycle: RecordLifecycleRepository,
    private readonly views: RecordViewService,
    private readonly dips: DipExportService,
  ) {}

  /** Streams records in batches of at most 1,000 to `sink`; picks the mapping per (type, source system, file format). */
  extractRecords(ctx: RequestContext, source: RecordSource, sink: (batch: CanonicalRecord[]) => Promise<void>): Promise<ExtractionResult> {
    return this.extraction.extract(ctx, source, sink);
  }

  /** Inside the caller's transaction, so the catalogue and the index commit together. Idempotent per (AIP, record id). */
  indexRecords(ctx: RequestContext, tx: EntityManager, aip: AipIndexRef, records: AsyncIterable<CanonicalRecord[]>): Promise<number> {
    return this.indexing.indexRecords(ctx, tx, aip, records);
  }

  removeAip(ctx: RequestContext, tx: EntityManager, aipId: string): Promise<number> {
    return this.indexing.removeAip(ctx, tx, aipId);
  }

  // --- Life cycle (final archive): the callers authorize; these name the caller's tenant only ---

  /** Record counts, date range, held records and the patients' last record date, per AIP. */
  aipRecordStats(ctx: RequestContext, aipIds: string[], held: { patientIds: string[]; recordIds: string[] }): Promise<AipRecordStats[]> {
    return this.lifecycle.aipStats(ctx.requireTenant(), aipIds, held);
  }

  /** Moves the AIPs' records to another tier inside the caller's transaction (transfer of custody). */
  setTier(ctx: RequestContext, tx: EntityManager, aipIds: string[], tier: 'intermediate' | 'final'): Promise<number> {
    return this.lifecycle.setTier(tx, ctx.requireTenant(), aipIds, tier);
  }

  removeRecords(ctx: RequestContext, tx: EntityManager, recordIds: string[]): Promise<number> {
    return this.lifecycle.removeRecords(tx, ctx.requireTenant(), recordIds);
  }

  /** Where a patient's records (or an AIP's records) sit: AIP, source file and attachments. */
  locateRecords(ctx: RequestContext, where: { patientId?: string; aipId?: string }): Promise<RecordLocation[]> {
    return this.lifecycle.locate(ctx.requireTenant(), where);
  }

  aipsHoldingRecords(ctx: RequestContext, held: { patientIds: string[]; recordIds: string[] }): Promise<string[]> {
    return this.lifecycle.aipsHolding(ctx.requireTenant(), held);
  }

  // --- DIP and rendering ---

  /** The record as a sanitised, self-contained HTML page (Swedish unless `locale` says otherwise); logged as a view. */
  async renderRecord(ctx: RequestContext, recordId: string, locale: RenderLocale = 'sv'): Promise<{ html: string }> {
    return { html: await this.views.rendered(ctx, recordId, locale) };
  }

  /**
   * An E-ARK DIP (ZIP) of records the caller may read and export, built from their AIPs and
   * streamed; logged as an export per patient. The manifest lists every file with its SHA-256.
   */
  exportDip(ctx: RequestContext, input: DipRequest): Promise<DipExport> {
    return this.dips.export(ctx, input);
  }
}
