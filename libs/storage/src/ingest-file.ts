import { Readable } from 'node:stream';
import { OcflDigestAlgorithm } from './ocfl.constants';

/** One file to store; either a local path or a stream. */
export interface IngestFile {
  logicalPath: string;
  sourcePath?: string;
  stream?: Readable;
  size?: number;
  /**
   * Digests the caller already computed (keys like `sha512` or `SHA-512`): the matching one is
   * used instead of hashing again.
   */
  digests?: Record<string, string>;
  /**
   * The caller vouches that `sourcePath` is durable (fsynced), will never be written again, and
   * that `digests` were taken from the very bytes written into it. A filesystem location on the
   * same file system then takes it over by a hard link: no byte is read or written again and its
   * digest is not re-checked. Elsewhere it is copied and hashed as usual.
   */
  adopt?: boolean;
}

export function suppliedDigest(file: IngestFile, algorithm: OcflDigestAlgorithm): string | undefined {
  if (!file.digests) return undefined;
  const want = algorithm.replace(/[^a-z0-9]/gi, '').toLowerCase();
  for (const [k, v] of Object.entries(file.digests)) {
    if (k.replace(/[^a-z0-9]/gi, '').toLowerCase() === want) return v.toLowerCase();
  }
  return undefined;
}
