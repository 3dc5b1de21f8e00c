import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '@samarkiv/records';
import { RequestContext } from '../../platform/context';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { buildIndexRow, TypeIndexLayout } from '../domain/index-row.builder';
import { IndexRow } from '../domain/indexed-record';
import { RecordIndex } from '../domain/record-index.port';
import { SearchTypes } from './information-types';

/** Records per batch the index writes (two round trips each: COPY, then INSERT … SELECT): few round trips, bounded memory. */
export const STATEMENT_ROWS = 12_500;
const STATEMENT_CHARS = 16_000_000;

export interface AipIndexRef {
  aipId: string;
  deliveryId: string;
  informationTypeId: string;
  sourceSystem: string;
  tier: 'intermediate' | 'final';
}

/** Writes records into the index inside the caller's transaction (catalogue and index commit together). */
@Injectable()
export class RecordIndexingService {
  constructor(
    private readonly types: SearchTypes,
    private readonly index: RecordIndex,
  ) {}

  /**
   * Rows go to the database in batches of up to STATEMENT_ROWS records (or about STATEMENT_CHARS
   * of text), however the caller batches them, and the next batch is built and serialised while
   * the previous one runs (the writer sends it when that one is done; the database and Node work in
   * parallel). At most two batches are pending, in the caller's transaction; the first failure is
   * the one reported, and it aborts the whole AIP.
   */
  async indexRecords(ctx: RequestContext, tx: EntityManager, aip: AipIndexRef, records: AsyncIterable<CanonicalRecord[]>): Promise<number> {
    const tenantId = ctx.requireTenant();
    const layout = new TypeIndexLayout(this.types.get(aip.informationTypeId));
    const ref = { tenantId, aipId: aip.aipId, deliveryId: aip.deliveryId, sourceSystem: aip.sourceSystem, tier: aip.tier };
    let count = 0;
    let pending: IndexRow[] = [];
    let pendingChars = 0;
    let inFlight: Promise<number> = Promise.resolve(0);
    const writer = await this.index.writer(tx);
    const send = async () => {
      const rows = pending;
      pending = [];
      pendingChars = 0;
      // Serialised now, while the previous batch runs; sent behind that one.
      const next = writer.insert(rows);
      // Awaited at the next send or at the end; this only keeps a failure from being "unhandled" meanwhile.
      next.catch(() => undefined);
      try {
        count += await inFlight;
      } finally {
        inFlight = next;
      }
    };
    for await (const batch of records) {
      for (const r of batch) {
        if (r.informationTypeId !== aip.informationTypeId) {
          await inFlight.catch(() => undefined);
          throw new DomainError('RECORD_WRONG_INFORMATION_TYPE', ErrorKind.Invalid, `A ${r.informationTypeId} record cannot be indexed in a ${aip.informationTypeId} AIP`);
        }
        const row = buildIndexRow(layout, ref, r);
        pending.push(row);
        pendingChars += row.body.length + row.weightedText.a.length;
        if (pending.length >= STATEMENT_ROWS || pendingChars >= STATEMENT_CHARS) await send();
      }
    }
    if (pending.length) await send();
    count += await inFlight;
    return count;
  }

  removeAip(ctx: RequestContext, tx: EntityManager, aipId: string): Promise<number> {
    return this.index.removeAip(tx, ctx.requireTenant(), aipId);
  }
}
