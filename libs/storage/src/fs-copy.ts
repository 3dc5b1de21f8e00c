import { MultiHasher, HASH_CHUNK_BYTES, parseDigestAlgorithm, DigestAlgorithm } from '@samarkiv/fixity';
import { copyFile, open, stat } from 'node:fs/promises';
import { createWriteStream, linkSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OcflDigestAlgorithm } from './ocfl.constants';
import { PutOptions, PutResult } from './storage.backend';
import { StorageError, StorageErrorCode } from './storage.errors';

const SMALL_COPY_BYTES = 1024 * 1024;
const COPY_BUFFER_BYTES = 4 * HASH_CHUNK_BYTES;

export function fixityAlgorithm(a: OcflDigestAlgorithm): DigestAlgorithm {
  return parseDigestAlgorithm(a) as DigestAlgorithm;
}

/**
 * Copies a file, hashing in the same read pass. With a caller-supplied digest a large file is
 * copied by the kernel (copy_file_range) and not hashed again: each byte is hashed once on
 * ingest. A small file is always read once, hashed (checked against a supplied digest) and
 * written with sync calls: for many small files the promise round trips of a kernel copy and a
 * stat cost more than hashing a few KiB (≈65k vs ≈19k files/s).
 */
export async function copyAndHash(src: string, dest: string, opts: PutOptions): Promise<PutResult> {
  const hasher = new MultiHasher([fixityAlgorithm(opts.algorithm)]);
  if (statSync(src).size <= SMALL_COPY_BYTES) {
    const data = readFileSync(src);
    hasher.update(data);
    writeFileSync(dest, data, { flag: 'wx' });
    return finish(hasher, opts);
  }
  if (opts.expectedDigest) {
    await copyFile(src, dest);
    const { size } = await stat(dest);
    checkSize(size, opts.expectedSize);
    return { size, digest: opts.expectedDigest.toLowerCase() };
  }
  const input = await open(src, 'r');
  try {
    const output = await open(dest, 'wx');
    try {
      // Two buffers: the next read runs on the thread pool while this chunk is hashed and written.
      let buf = Buffer.allocUnsafe(COPY_BUFFER_BYTES);
      let spare = Buffer.allocUnsafe(COPY_BUFFER_BYTES);
      let n = (await input.read(buf, 0, buf.length, null)).bytesRead;
      while (n > 0) {
        const next = input.read(spare, 0, spare.length, null);
        next.catch(() => undefined);
        const chunk = buf.subarray(0, n);
        hasher.update(chunk);
        let off = 0;
        while (off < n) off += (await output.write(chunk, off, n - off)).bytesWritten;
        n = (await next).bytesRead;
        [buf, spare] = [spare, buf];
      }
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
  return finish(hasher, opts);
}

/** Errors of a hard link the file system refuses (another file system, no or too many links). */
const LINK_REFUSED = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP']);

/**
 * Takes an adopted file over by a hard link (see IngestFile.adopt): a directory entry instead of
 * a copy, with the caller's digest. Undefined when the file system refuses the link, so that the
 * caller copies and hashes instead.
 */
export function linkAdopted(src: string, dest: string, opts: PutOptions & { expectedDigest: string }): PutResult | undefined {
  try {
    linkSync(src, dest);
  } catch (e) {
    if (LINK_REFUSED.has((e as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw e;
  }
  const { size } = statSync(dest);
  checkSize(size, opts.expectedSize);
  return { size, digest: opts.expectedDigest.toLowerCase(), linked: true };
}

export async function streamAndHash(source: Readable, dest: string, opts: PutOptions): Promise<PutResult> {
  const hasher = new MultiHasher([fixityAlgorithm(opts.algorithm)]);
  source.on('data', (chunk: Buffer) => hasher.update(chunk));
  await pipeline(source, createWriteStream(dest, { flags: 'wx', highWaterMark: HASH_CHUNK_BYTES }));
  return finish(hasher, opts);
}

function finish(hasher: MultiHasher, opts: PutOptions): PutResult {
  const r = hasher.digest();
  const digest = r.digests[fixityAlgorithm(opts.algorithm)] as string;
  checkSize(r.size, opts.expectedSize);
  if (opts.expectedDigest && opts.expectedDigest.toLowerCase() !== digest) {
    throw new StorageError(StorageErrorCode.DigestMismatch, 'content digest differs from the expected digest');
  }
  return { size: r.size, digest };
}

function checkSize(size: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== size) {
    throw new StorageError(StorageErrorCode.DigestMismatch, `size ${size} differs from the expected ${expected}`);
  }
}
