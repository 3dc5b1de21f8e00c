import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ArchiveFacade } from '../../archive/archive.facade';
import { RequestContext } from '../../platform/context';
import { PreservationFacade } from '../../preservation/preservation.facade';
import { RecordFileSource } from '../domain/record-file-source.port';
import { NotFoundError } from '../../platform/errors/domain.error';
import { fileNotFound } from '../search.errors';

/**
 * Reads a record's files out of the AIP's stored OCFL object: the catalogue names the object, the
 * preservation module reads a verified copy and fails the stream if the bytes differ from the
 * inventory digest (fixity checked while it streams, no second read). The caller has already
 * authorized the record; the facades only keep to the caller's tenant.
 */
@Injectable()
export class AipRecordFileSource extends RecordFileSource {
  constructor(
    private readonly archive: ArchiveFacade,
    private readonly preservation: PreservationFacade,
  ) {
    super();
  }

  async open(ctx: RequestContext, file: { aipId: string; tier: 'intermediate' | 'final'; logicalPath: string }): Promise<Readable> {
    const objectId = await this.objectOf(ctx, file.aipId);
    try {
      return await this.preservation.openFile(ctx, objectId, file.logicalPath);
    } catch (e) {
      throw notFoundAsFile(e);
    }
  }

  async *openMany(ctx: RequestContext, aipId: string, logicalPaths: string[]): AsyncIterable<{ logicalPath: string; stream: Readable }> {
    const objectId = await this.objectOf(ctx, aipId);
    try {
      yield* this.preservation.openFiles(ctx, objectId, logicalPaths);
    } catch (e) {
      throw notFoundAsFile(e);
    }
  }

  private async objectOf(ctx: RequestContext, aipId: string): Promise<string> {
    const [aip] = await this.archive.selectAips(ctx, { ids: [aipId], statuses: ['active', 'superseded'] });
    if (!aip) throw fileNotFound();
    return aip.objectId;
  }
}

/** A file destroyed out of the object (journal destruction) is simply not there any more. */
const notFoundAsFile = (e: unknown) => (e instanceof NotFoundError ? fileNotFound() : e);
