import { DigestAlgorithm, MultiHasher } from '@samarkiv/fixity';
import { closeSync, openSync, readSync } from 'node:fs';
import { fixityAlgorithm } from './fs-copy';
import { OcflDigestAlgorithm } from './ocfl.constants';
import { StorageBackend } from './storage.backend';
import { TokenBucket } from './token-bucket';

/** Below this size the sync read API is used: ≈65k small files/s vs ≈19k via fs.promises. */
export const SMALL_FILE_BYTES = 1024 * 1024;

const scratch = Buffer.allocUnsafe(SMALL_FILE_BYTES);

export interface StoredHash {
  size: number;
  digest: string;
}

/** Hashes a stored file; undefined when it is missing. Throttled when a bucket is given. */
export async function hashStored(
  backend: StorageBackend,
  key: string,
  algorithm: OcflDigestAlgorithm,
  throttle?: TokenBucket,
): Promise<StoredHash | undefined> {
  const alg = fixityAlgorithm(algorithm);
  const local = backend.localPath(key);
  if (local) {
    const small = hashSmallLocal(local, alg);
    if (small === null) return undefined;
    if (small) {
      if (throttle) await throttle.take(small.size);
      return small;
    }
  } else if (!(await backend.stat(key))) {
    return undefined;
  }
  return hashStream(backend, key, alg, throttle);
}

/**
 * The synchronous part of hashStored: a result for a small local file, null when it is missing,
 * undefined when the file must be streamed. Lets audits skip a promise per small file.
 */
export function hashStoredSync(backend: StorageBackend, key: string, algorithm: OcflDigestAlgorithm): StoredHash | null | undefined {
  const local = backend.localPath(key);
  return local ? hashSmallLocal(local, fixityAlgorithm(algorithm)) : undefined;
}

async function hashStream(backend: StorageBackend, key: string, alg: DigestAlgorithm, throttle?: TokenBucket): Promise<StoredHash> {
  const hasher = new MultiHasher([alg]);
  for await (const chunk of await backend.getStream(key)) {
    if (throttle) await throttle.take((chunk as Buffer).length);
    hasher.update(chunk as Buffer);
  }
  const r = hasher.digest();
  return { size: r.size, digest: r.digests[alg] as string };
}

/**
 * Sync fast path: open, one read, one read that must return 0, close — no stat, so four system
 * calls per small file. Returns undefined for a file larger than the buffer (stream it instead)
 * and null when it is missing.
 */
function hashSmallLocal(path: string, alg: DigestAlgorithm): StoredHash | null | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const n = readSync(fd, scratch, 0, scratch.length, 0);
    if (n === scratch.length || readSync(fd, scratch, n, scratch.length - n, n) !== 0) return undefined;
    const hasher = new MultiHasher([alg]);
    hasher.update(scratch.subarray(0, n));
    return { size: n, digest: hasher.digest().digests[alg] as string };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') return null;
    throw e;
  } finally {
    closeSync(fd);
  }
}
