import { DigestAlgorithm, hashFile, hashStream, parseDigestAlgorithm } from '@samarkiv/fixity';
import { IngestFile, OcflDigestAlgorithm, suppliedDigest } from '@samarkiv/storage';

/**
 * Logical path → digest of the files of a request, using supplied digests where given and
 * hashing the source otherwise (only needed to compare a repeated request with a stored object).
 */
export async function requestDigests(files: IngestFile[], algorithm: OcflDigestAlgorithm): Promise<Map<string, string>> {
  const alg = parseDigestAlgorithm(algorithm) as DigestAlgorithm;
  const result = new Map<string, string>();
  for (const f of files) {
    let digest = suppliedDigest(f, algorithm);
    if (!digest && f.sourcePath) digest = (await hashFile(f.sourcePath, [alg])).digests[alg];
    else if (!digest && f.stream) digest = (await hashStream(f.stream, [alg])).digests[alg];
    result.set(f.logicalPath, digest ?? '');
  }
  return result;
}
