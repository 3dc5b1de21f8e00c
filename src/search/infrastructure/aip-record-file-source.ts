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
    const [aip] = await this.archive.selectAips(ctx, { ids: [file.aipId], statuses: ['active', 'superseded'] });
    if (!aip) throw fileNotFound();
    try {
      return await this.preservation.openFile(ctx, aip.objectId, file.logicalPath);
    } catch (e) {
      // A file destroyed out of the object (journal destruction) is simply not there any more.
      if (e instanceof NotFoundError) throw fileNotFound();
      throw e;
    }
  }
}
