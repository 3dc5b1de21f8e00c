import { Injectable } from '@nestjs/common';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AIP_DESCRIPTOR_PATH, AipDescriptor, AipTier } from '../../archive/archive.facade';
import { RequestContext } from '../../platform/context';
import { PreservationFacade } from '../../preservation/preservation.facade';
import { premisAgent } from '../domain/actor';

/**
 * Writes the custody into the AIP itself: a new version of its descriptor with the tier, so that
 * the catalogue rebuilt from storage alone still knows who holds the AIP. Earlier versions stay
 * as they were.
 */
@Injectable()
export class AipDescriptorWriter {
  constructor(private readonly preservation: PreservationFacade) {}

  async recordTier(ctx: RequestContext, objectId: string, tier: AipTier, message: string): Promise<boolean> {
    const files = await this.preservation.listFiles(ctx, objectId);
    // AIPs from before descriptors existed have none; the catalogue alone then holds the tier.
    if (!files.some((f) => f.logicalPath === AIP_DESCRIPTOR_PATH)) return false;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.preservation.openFile(ctx, objectId, AIP_DESCRIPTOR_PATH)) chunks.push(chunk as Buffer);
    const descriptor = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AipDescriptor;
    if (descriptor.tier === tier) return false;
    const dir = await mkdtemp(join(tmpdir(), 'samarkiv-descriptor-'));
    try {
      const path = join(dir, 'samarkiv-aip.json');
      await writeFile(path, JSON.stringify({ ...descriptor, tier }, null, 2) + '\n');
      await this.preservation.addVersion(ctx, objectId, { add: [{ logicalPath: AIP_DESCRIPTOR_PATH, sourcePath: path }] }, message, premisAgent(ctx));
      return true;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
