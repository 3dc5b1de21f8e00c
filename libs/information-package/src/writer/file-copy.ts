import { closeSync, openSync, read, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { DigestAlgorithm, FixityResult, HASH_CHUNK_BYTES, MultiHasher } from '@samarkiv/fixity';

const readAsync = promisify(read);

/**
 * Copies one open file and hashes it from the same reads, so each byte is read once.
 * The target must not exist ('wx'): a writer never overwrites. The caller owns `input`.
 */
export function copyAndHashSync(input: number, target: string, algorithms: DigestAlgorithm[], buffer: Buffer): FixityResult {
  const hasher = new MultiHasher(algorithms);
  const output = openSync(target, 'wx');
  try {
    for (;;) {
      const n = readSync(input, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      hasher.update(chunk);
      let written = 0;
      while (written < chunk.length) written += writeSync(output, chunk, written, chunk.length - written);
    }
  } finally {
    closeSync(output);
  }
  return hasher.digest();
}

/**
 * Async variant for large files: the next read runs on the thread pool while this chunk is
 * hashed and written, so reading, hashing and writing overlap.
 */
export async function copyAndHash(input: number, target: string, algorithms: DigestAlgorithm[]): Promise<FixityResult> {
  const hasher = new MultiHasher(algorithms);
  const output = await open(target, 'wx');
  const buffers = [Buffer.allocUnsafe(HASH_CHUNK_BYTES), Buffer.allocUnsafe(HASH_CHUNK_BYTES)];
  let pending = readAsync(input, buffers[0], 0, HASH_CHUNK_BYTES, null);
  try {
    let index = 0;
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const chunk = buffers[index].subarray(0, bytesRead);
      index = 1 - index;
      pending = readAsync(input, buffers[index], 0, HASH_CHUNK_BYTES, null);
      hasher.update(chunk);
      let written = 0;
      while (written < chunk.length) written += (await output.write(chunk, written, chunk.length - written)).bytesWritten;
    }
  } finally {
    // Never hand `input` back to the caller (who closes it) while a read on it is in flight.
    await pending.catch(() => undefined);
    await output.close();
  }
  return hasher.digest();
}
