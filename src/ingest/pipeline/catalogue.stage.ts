import { Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { ArchiveFacade } from '../../archive/archive.facade';
import { SearchFacade } from '../../search/search.facade';
import type { StoredObject } from '../../preservation/preservation.facade';
import { ReceiptService } from '../application/receipt.service';
import { DeliveryStage } from '../domain/delivery-stage';
import { DeliveryRepository } from '../infrastructure/delivery.repository';
import { BuiltAip } from './build-aip.stage';
import { PipelineStage, StageInput, StageOutcome } from './pipeline-stage';
import { recordBatches } from './record-batches';
import { ExtractState, readState, readUnpackState } from './stage-state';

/**
 * One transaction: the AIP enters the catalogue, its records enter the search index, and the
 * signed acceptance receipt is issued, together with the delivery's move on. Either all of it is
 * there or none, so a crash can never leave a catalogued AIP without a receipt or the reverse.
 */
@Injectable()
export class CatalogueStage implements PipelineStage {
  readonly stage = DeliveryStage.Cataloguing;

  constructor(
    private readonly archive: ArchiveFacade,
    private readonly search: SearchFacade,
    private readonly receipts: ReceiptService,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async run({ ctx, delivery, ws }: StageInput): Promise<StageOutcome> {
    const [stored, built, extracted, unpacked] = await Promise.all([
      readState<StoredObject>(ws.stored),
      readState<BuiltAip>(ws.builtAip),
      readState<ExtractState>(ws.extractState),
      readUnpackState(ws),
    ]);
    const aipId = delivery.aipId as string;
    let indexed = 0;
    return {
      findings: [],
      summary: `AIP ${aipId} catalogued with ${extracted.records} records; receipt issued`,
      details: { aipId, records: extracted.records },
      inTransaction: async (tx) => {
        const aip = await this.archive.registerAip(ctx, tx, {
          id: aipId,
          objectId: stored.objectId,
          deliveryId: delivery.id,
          sipObjid: delivery.sipObjid as string,
          informationTypeId: delivery.informationTypeId,
          sourceSystem: delivery.sourceSystem,
          tier: 'intermediate',
          version: delivery.aipVersion ?? 1,
          storedVersion: stored.version,
          fileCount: built.files.length,
          totalBytes: built.bytes,
          recordCount: extracted.records,
        });
        const ref = { aipId, deliveryId: delivery.id, informationTypeId: delivery.informationTypeId, sourceSystem: delivery.sourceSystem, tier: 'intermediate' as const };
        indexed = await this.search.indexRecords(ctx, tx, ref, recordBatches(createReadStream(ws.records)));
        const findings = await this.deliveries.findings(delivery.tenantId, delivery.id, tx);
        await this.receipts.issue(
          tx,
          delivery,
          'accepted',
          findings,
          { objid: delivery.sipObjid, kind: delivery.sipKind, bytes: unpacked.bytes, sha256: unpacked.sha256 },
          {
            id: aip.id,
            objectId: aip.objectId,
            version: aip.version,
            storedVersion: aip.storedVersion,
            fileCount: aip.fileCount,
            totalBytes: aip.totalBytes,
            recordCount: indexed,
            copies: stored.copies.map((c) => ({ location: c.location, verifiedAt: new Date(c.verifiedAt).toISOString() })),
          },
        );
      },
    };
  }
}
