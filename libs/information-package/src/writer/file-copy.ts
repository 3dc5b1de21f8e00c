import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { DigestAlgorithm, FixityResult, HASH_CHUNK_BYTES, MultiHasher } from '@samarkiv/fixity';

/**
 * Copies one file and hashes it from the same reads, so each byte is read once.
 * The target must not exist ('wx'): a writer never overwrites.
 */
export function copyAndHashSync(source: string, target: string, algorithms: DigestAlgorithm[], buffer: Buffer): FixityResult {
  const hasher = new MultiHasher(algorithms);
  const input = openSync(source, 'r');
  try {
    const output = openSync(target, 'wx');
    try {
      for (;;) {
        const n = readSync(input, buffer, 0, buffer.length, null);
        if (n === 0) break;
        const chunk = buffer.subarray(0, n);
        hasher.update(chunk);
        writeAll(output, chunk);
      }
    } finally {
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
  return hasher.digest();
}

function writeAll(fd: number, chunk: Buffer): void {
  let written = 0;
  while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written);
}

/**
 * Async variant for large files: the next read runs on the thread pool while this chunk is
 * hashed and written, so reading, hashing and writing overlap.
 */
export async function copyAndHash(source: string, target: string, algorithms: DigestAlgorithm[]): Promise<FixityResult> {
  const hasher = new MultiHasher(algorithms);
  const input = await open(source, 'r');
  try {
    const output = await open(target, 'wx');
    try {
      const buffers = [Buffer.allocUnsafe(HASH_CHUNK_BYTES), Buffer.allocUnsafe(HASH_CHUNK_BYTES)];
      let index = 0;
      let pending = input.read(buffers[0], 0, HASH_CHUNK_BYTES, null);
      for (;;) {
        const { bytesRead } = await pending;
        if (bytesRead === 0) break;
        const chunk = buffers[index].subarray(0, bytesRead);
        index = 1 - index;
        pending = input.read(buffers[index], 0, HASH_CHUNK_BYTES, null);
        hasher.update(chunk);
        let written = 0;
        while (written < chunk.length) written += (await output.write(chunk, written, chunk.length - written)).bytesWritten;
      }
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
  return hasher.digest();
}
