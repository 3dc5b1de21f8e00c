import { createHash, Hash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DigestAlgorithm, nodeHashName } from './digest-algorithm';

/** 1 MiB reads: Node stream hashing is ~2x faster than with the 64 KiB default. */
export const HASH_CHUNK_BYTES = 1024 * 1024;

export interface FixityResult {
  size: number;
  digests: Partial<Record<DigestAlgorithm, string>>;
}

/** Feeds every chunk to several hashes at once, so one read pass yields all digests. */
export class MultiHasher {
  private readonly hashes: Array<[DigestAlgorithm, Hash]>;
  private size = 0;

  constructor(algorithms: Iterable<DigestAlgorithm>) {
    this.hashes = [...new Set(algorithms)].map((a) => [a, createHash(nodeHashName(a))]);
  }

  update(chunk: Buffer): void {
    this.size += chunk.length;
    for (const [, hash] of this.hashes) hash.update(chunk);
  }

  digest(): FixityResult {
    const digests: FixityResult['digests'] = {};
    for (const [algorithm, hash] of this.hashes) digests[algorithm] = hash.digest('hex');
    return { size: this.size, digests };
  }
}

export async function hashStream(stream: Readable, algorithms: Iterable<DigestAlgorithm>): Promise<FixityResult> {
  const hasher = new MultiHasher(algorithms);
  for await (const chunk of stream) hasher.update(chunk as Buffer);
  return hasher.digest();
}

export function hashFile(path: string, algorithms: Iterable<DigestAlgorithm>): Promise<FixityResult> {
  return hashStream(createReadStream(path, { highWaterMark: HASH_CHUNK_BYTES }), algorithms);
}

/**
 * Synchronous variant for many small files: the sync API avoids the per-call overhead of
 * fs.promises (≈65k vs ≈19k small files/s measured on these machines).
 */
export function hashFileSync(path: string, algorithms: Iterable<DigestAlgorithm>, buffer?: Buffer): FixityResult {
  const hasher = new MultiHasher(algorithms);
  const buf = buffer ?? Buffer.allocUnsafe(HASH_CHUNK_BYTES);
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hasher.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hasher.digest();
}
