import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '@samarkiv/records';
import { RequestContext } from '../../platform/context';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { buildIndexRow, TypeIndexLayout } from '../domain/index-row.builder';
import { RecordIndex } from '../domain/record-index.port';
import { SearchTypes } from './information-types';

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

  async indexRecords(ctx: RequestContext, tx: EntityManager, aip: AipIndexRef, records: AsyncIterable<CanonicalRecord[]>): Promise<number> {
    const tenantId = ctx.requireTenant();
    const layout = new TypeIndexLayout(this.types.get(aip.informationTypeId));
    const ref = { tenantId, aipId: aip.aipId, deliveryId: aip.deliveryId, sourceSystem: aip.sourceSystem, tier: aip.tier };
    let count = 0;
    for await (const batch of records) {
      for (const r of batch) {
        if (r.informationTypeId !== aip.informationTypeId) {
          throw new DomainError('RECORD_WRONG_INFORMATION_TYPE', ErrorKind.Invalid, `A ${r.informationTypeId} record cannot be indexed in a ${aip.informationTypeId} AIP`);
        }
      }
      count += await this.index.insert(tx, batch.map((r) => buildIndexRow(layout, ref, r)));
    }
    return count;
  }

  removeAip(ctx: RequestContext, tx: EntityManager, aipId: string): Promise<number> {
    return this.index.removeAip(tx, ctx.requireTenant(), aipId);
  }
}
