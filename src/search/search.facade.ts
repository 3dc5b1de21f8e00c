import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '@samarkiv/records';
import { RequestContext } from '../platform/context';
import { ExtractionResult, RecordExtractionService, RecordSource, RecordSourceFile } from './application/record-extraction.service';
import { AipIndexRef, RecordIndexingService } from './application/record-indexing.service';

export type { RecordSource, RecordSourceFile, AipIndexRef, ExtractionResult };
export { RecordFileSource } from './domain/record-file-source.port';

/** The search module's only public surface: ingest maps and indexes records through it. */
@Injectable()
export class SearchFacade {
  constructor(
    private readonly extraction: RecordExtractionService,
    private readonly indexing: RecordIndexingService,
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
}
