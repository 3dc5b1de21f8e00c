import type { Readable } from 'node:stream';
import type { RequestContext } from '../../platform/context';

/**
 * Port: reads a file of an archived AIP (the record's original or an attachment). The module that
 * keeps the AIPs provides it (infrastructure/aip-record-file-source: catalogue + verified preservation reads);
 * without a provider downloads answer 503.
 */
export abstract class RecordFileSource {
  abstract open(ctx: RequestContext, file: { aipId: string; tier: 'intermediate' | 'final'; logicalPath: string }): Promise<Readable>;
  /** Many files of one AIP, looked up once (DIPs); each stream must be consumed before the next is asked for. */
  abstract openMany(ctx: RequestContext, aipId: string, logicalPaths: string[]): AsyncIterable<{ logicalPath: string; stream: Readable }>;
}
