import { MultiHasher, HASH_CHUNK_BYTES, parseDigestAlgorithm, DigestAlgorithm } from '@samarkiv/fixity';
import { copyFile, open, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OcflDigestAlgorithm } from './ocfl.constants';
import { PutOptions, PutResult } from './storage.backend';
import { StorageError, StorageErrorCode } from './storage.errors';

export function fixityAlgorithm(a: OcflDigestAlgorithm): DigestAlgorithm {
  return parseDigestAlgorithm(a) as DigestAlgorithm;
}

/**
 * Copies a file, hashing in the same read pass. With a caller-supplied digest the kernel copies
 * (copy_file_range) and nothing is hashed again: each byte is hashed once on ingest.
 */
export async function copyAndHash(src: string, dest: string, opts: PutOptions): Promise<PutResult> {
  if (opts.expectedDigest) {
    await copyFile(src, dest);
    const { size } = await stat(dest);
    checkSize(size, opts.expectedSize);
    return { size, digest: opts.expectedDigest.toLowerCase() };
  }
  const hasher = new MultiHasher([fixityAlgorithm(opts.algorithm)]);
  const input = await open(src, 'r');
  try {
    const output = await open(dest, 'wx');
    try {
      const buf = Buffer.allocUnsafe(HASH_CHUNK_BYTES * 4);
      for (;;) {
        const { bytesRead } = await input.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        const chunk = buf.subarray(0, bytesRead);
        hasher.update(chunk);
        let off = 0;
        while (off < bytesRead) off += (await output.write(chunk, off, bytesRead - off)).bytesWritten;
      }
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
  return finish(hasher, opts);
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
