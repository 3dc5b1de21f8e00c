import { Injectable } from '@nestjs/common';
import { basename, join } from 'node:path';
import { objectId } from '@samarkiv/storage';
import { PreservationFacade } from '../../preservation/preservation.facade';
import { fingerprintOf, sameFingerprint } from '../application/file-fingerprint';
import { DeliveryStage } from '../domain/delivery-stage';
import { BuiltAip } from './build-aip.stage';
import { aipPathOf } from './extract.stage';
import { PipelineStage, StageInput, StageOutcome } from './pipeline-stage';
import { readFileDigests, readState, readUnpackState, UnpackedFile, writeState } from './stage-state';

export const aipObjectId = (tenantId: string, aipId: string) => objectId(tenantId, 'aip', aipId);

/**
 * Hands the AIP to preservation storage, which writes and verifies every copy the tenant's
 * storage policy requires. Storing again after a crash is safe: the facade returns a complete
 * object or redoes a half-written one. Digests computed at identification are passed along.
 *
 * The SIP's files need not be written again: unpacking wrote them durably and hashed the very
 * bytes it wrote, and the AIP holds them as hard links. Each one that is still that file (same
 * fingerprint) is offered for adoption, which a location on the same file system takes by a hard
 * link instead of a copy. Any other file is copied and checked as usual.
 */
@Injectable()
export class StoreStage implements PipelineStage {
  readonly stage = DeliveryStage.Storing;

  constructor(private readonly preservation: PreservationFacade) {}

  async run({ ctx, delivery, ws }: StageInput): Promise<StageOutcome> {
    const [built, unpackedState, unpacked] = await Promise.all([readState<BuiltAip>(ws.builtAip), readUnpackState(ws), readFileDigests(ws)]);
    const root = join(ws.dir, built.root);
    const sipFiles = new Map<string, UnpackedFile>();
    const sipRoot = basename(unpackedState.root);
    for (const [path, file] of unpacked) sipFiles.set(aipPathOf(sipRoot, path), file);
    let adopted = 0;
    const files = built.files.map((f) => {
      const sourcePath = join(root, f.path);
      const sip = sipFiles.get(f.path);
      const adopt = sip !== undefined && sip.digests['SHA-512'] === f.sha512 && sameFingerprint(sip.fingerprint, fingerprintOf(sourcePath));
      if (adopt) adopted++;
      return { logicalPath: f.path, sourcePath, size: f.size, digests: { sha512: f.sha512 }, adopt };
    });
    const stored = await this.preservation.storeObject(ctx, {
      objectId: aipObjectId(delivery.tenantId, delivery.aipId as string),
      files,
      message: `Ingest of delivery ${delivery.id} (${delivery.informationTypeId} from ${delivery.sourceSystem})`,
      agent: { name: 'Samarkiv ingest' },
    });
    await writeState(ws.stored, stored);
    return {
      findings: [],
      summary: `AIP stored in ${stored.copies.length} verified ${stored.copies.length === 1 ? 'copy' : 'copies'}`,
      details: { version: stored.version, copies: stored.copies.map((c) => c.location), adoptedFiles: adopted },
    };
  }
}
