import type { Readable } from 'node:stream';
import type { RequestContext } from '../../platform/context';

/**
 * Port: reads a file of an archived AIP (the record's original or an attachment). The module that
 * keeps the AIPs provides it (infrastructure/aip-record-file-source: catalogue + verified preservation reads);
 * without a provider downloads answer 503.
 */
export abstract class RecordFileSource {
  abstract open(ctx: RequestContext, file: { aipId: string; tier: 'intermediate' | 'final'; logicalPath: string }): Promise<Readable>;
}
