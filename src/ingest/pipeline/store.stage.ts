import { Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { objectId } from '@samarkiv/storage';
import { PreservationFacade } from '../../preservation/preservation.facade';
import { DeliveryStage } from '../domain/delivery-stage';
import { BuiltAip } from './build-aip.stage';
import { PipelineStage, StageInput, StageOutcome } from './pipeline-stage';
import { readState, writeState } from './stage-state';

export const aipObjectId = (tenantId: string, aipId: string) => objectId(tenantId, 'aip', aipId);

/**
 * Hands the AIP to preservation storage, which writes and verifies every copy the tenant's
 * storage policy requires. Storing again after a crash is safe: the facade returns a complete
 * object or redoes a half-written one. Digests computed at identification are passed along.
 */
@Injectable()
export class StoreStage implements PipelineStage {
  readonly stage = DeliveryStage.Storing;

  constructor(private readonly preservation: PreservationFacade) {}

  async run({ ctx, delivery, ws }: StageInput): Promise<StageOutcome> {
    const built = await readState<BuiltAip>(ws.builtAip);
    const root = join(ws.dir, built.root);
    const stored = await this.preservation.storeObject(ctx, {
      objectId: aipObjectId(delivery.tenantId, delivery.aipId as string),
      files: built.files.map((f) => ({ logicalPath: f.path, sourcePath: join(root, f.path), size: f.size, digests: { sha512: f.sha512 } })),
      message: `Ingest of delivery ${delivery.id} (${delivery.informationTypeId} from ${delivery.sourceSystem})`,
      agent: { name: 'Samarkiv ingest' },
    });
    await writeState(ws.stored, stored);
    return {
      findings: [],
      summary: `AIP stored in ${stored.copies.length} verified ${stored.copies.length === 1 ? 'copy' : 'copies'}`,
      details: { version: stored.version, copies: stored.copies.map((c) => c.location) },
    };
  }
}
