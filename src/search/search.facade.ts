import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '@samarkiv/records';
import { Action, RequestContext } from '../platform/context';
import { grantedTiers } from './application/granted-tiers';
import { SearchTypes } from './application/information-types';
import { RecordSearchService, SearchRequest, SearchResult, TimelineRequest, TimelineResult } from './application/record-search.service';
import { RecordViewService } from './application/record-view.service';
import type { RecordView } from './domain/record-views';
import type { SearchableType } from './domain/searchable-type';
import { ExtractionResult, RecordExtractionService, RecordSource, RecordSourceFile } from './application/record-extraction.service';
import { AipIndexRef, RecordIndexingService } from './application/record-indexing.service';
import { AipRecordStats, RecordLifecycleRepository, RecordLocation } from './infrastructure/record-lifecycle.repository';
import { DipExport, DipExportService, DipManifest, DipRequest, MAX_DIP_RECORDS } from './application/dip-export.service';
import type { RenderLocale } from './domain/render/html';

export type { SearchRequest, SearchResult, TimelineRequest, TimelineResult, RecordView, SearchableType };
export type { RecordSource, RecordSourceFile, AipIndexRef, ExtractionResult, AipRecordStats, RecordLocation, DipExport, DipManifest, DipRequest, RenderLocale };
export { MAX_DIP_RECORDS };
export { RecordFileSource } from './domain/record-file-source.port';
export { SearchErrorCode } from './search.errors';

/** The search module's only public surface: ingest maps and indexes records through it. */
@Injectable()
export class SearchFacade {
  constructor(
    private readonly extraction: RecordExtractionService,
    private readonly indexing: RecordIndexingService,
    private readonly lifecycle: RecordLifecycleRepository,
    private readonly searching: RecordSearchService,
    private readonly viewing: RecordViewService,
    private readonly types: SearchTypes,
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

  // --- Reader (console) ---

  /** One search of an information type (authorized, spärr applied and logged by the service). */
  search(ctx: RequestContext, informationType: string, dto: SearchRequest): Promise<SearchResult> {
    return this.searching.search(ctx, informationType, dto);
  }

  /** All of one patient's records of the type, grouped by care unit. */
  timeline(ctx: RequestContext, informationType: string, dto: TimelineRequest): Promise<TimelineResult> {
    return this.searching.timeline(ctx, informationType, dto);
  }

  /** One record rendered per its type's layout; "not found" when not readable. */
  viewRecord(ctx: RequestContext, id: string): Promise<RecordView> {
    return this.viewing.view(ctx, id);
  }

  /** The information types the caller may search in its tenant, with what the console needs to build forms and result lists. */
  informationTypes(ctx: RequestContext): SearchableType[] {
    const granted = new Set(ctx.informationTypesFor(Action.RecordSearch));
    return this.types
      .all()
      .filter((t) => granted.has(t.id))
      .map((t) => ({
        id: t.id,
        labels: t.labels,
        description: t.description,
        patientData: t.patientData,
        tiers: grantedTiers(ctx, Action.RecordSearch, t.id),
        fields: t.fields.map((f) => ({ name: f.name, kind: f.kind, labels: f.labels, search: f.search, sortable: f.sortable, shown: f.shown, multiple: f.multiple })),
        resultColumns: t.fields.filter((f) => f.shown).map((f) => f.name),
        searchRequires: t.searchRequires,
        dateField: t.index.date ?? null,
        unitField: t.index.unit ?? null,
        layout: t.layout,
        attachments: t.attachments,
      }));
  }

  // --- DIP and rendering ---

  /** The record as a sanitised, self-contained HTML page (Swedish unless `locale` says otherwise); logged as a view. */
  async renderRecord(ctx: RequestContext, recordId: string, locale: RenderLocale = 'sv'): Promise<{ html: string }> {
    return { html: await this.viewing.rendered(ctx, recordId, locale) };
  }

  /**
   * An E-ARK DIP (ZIP) of records the caller may read and export, built from their AIPs and
   * streamed; logged as an export per patient. The manifest lists every file with its SHA-256.
   */
  exportDip(ctx: RequestContext, input: DipRequest): Promise<DipExport> {
    return this.dips.export(ctx, input);
  }
}
