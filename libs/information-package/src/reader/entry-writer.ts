import { writeFileSync } from 'node:fs';
import { FileHandle, mkdir, open } from 'node:fs/promises';
import { MultiHasher } from '@samarkiv/fixity';
import { BackgroundFlush } from '@samarkiv/storage';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { EntryRegistry } from './entry-registry';
import { PackageRejection } from './package-rejection';

/** From this size an entry is hashed on other threads (one per algorithm) while this one writes it. */
const THREADED_HASH_BYTES = 32 * 1024 * 1024;
/** With flushLargeFiles, a large entry's written bytes are sent to disk every so many bytes. */
const FLUSH_EVERY_BYTES = 64 * 1024 * 1024;

/** Entries up to this size are gathered in memory and written with one synchronous call. */
export const SMALL_ENTRY_BYTES = 1024 * 1024;

/**
 * Streams one entry to disk, hashing it on the way when the registry asks for digests (so the
 * pipeline need not read the file again). 'wx' refuses to overwrite or follow anything already
 * there, so even a name that slipped past the checks cannot clobber a file; the byte counter
 * enforces the size limit on what is actually inflated, not on what the header claims. Small
 * entries skip the stream machinery: for many small files its per-file round trips dominate.
 */
export async function writeEntry(source: Readable, targetRoot: string, path: string, registry: EntryRegistry, declaredSize?: number): Promise<void> {
  if (declaredSize === undefined || declaredSize > SMALL_ENTRY_BYTES) return writeLargeEntry(source, targetRoot, path, registry, declaredSize);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    // Never trust a header for what is held in memory.
    if ((size += (chunk as Buffer).length) > declaredSize) throw new PackageRejection('READ-SIZE', `entry is larger than its header says (${declaredSize} bytes)`, path);
    chunks.push(chunk as Buffer);
  }
  await writeSmallEntry(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), targetRoot, path, registry);
}

/** Writes a small entry held whole in memory with one sync call, hashes it and shows it to onSmallFile. */
export async function writeSmallEntry(data: Buffer, targetRoot: string, path: string, registry: EntryRegistry): Promise<void> {
  const reason = registry.addBytes(data.length);
  if (reason) throw new PackageRejection('READ-SIZE', reason, path);
  const target = join(targetRoot, path);
  registry.ensureDir(dirname(target));
  writeFileSync(target, data, { flag: 'wx' });
  if (registry.digestAlgorithms.length > 0) {
    const hasher = new MultiHasher(registry.digestAlgorithms);
    hasher.update(data);
    registry.digests.set(path, hasher.digest());
  }
  await registry.onSmallFile?.(path, data);
}

/**
 * Writes an entry chunk by chunk, each chunk hashed while it is written (large ones on the
 * registry's threads) and, with flushLargeFiles, sent to disk on the way. A chunk is done with
 * before the next is asked for, so a source may hand out one reused buffer.
 */
export async function writeLargeEntry(chunks: AsyncIterable<Buffer>, targetRoot: string, path: string, registry: EntryRegistry, declaredSize?: number): Promise<void> {
  const target = join(targetRoot, path);
  await mkdir(dirname(target), { recursive: true });
  const hashing = registry.digestAlgorithms.length > 0;
  const threaded = hashing && (declaredSize ?? 0) >= THREADED_HASH_BYTES;
  const hasher = threaded ? registry.largeFileHasher() : hashing ? new MultiHasher(registry.digestAlgorithms) : undefined;
  const file = await open(target, 'wx');
  try {
    const flusher = registry.flushLargeFiles ? new BackgroundFlush(file, FLUSH_EVERY_BYTES) : undefined;
    for await (const chunk of chunks) {
      const reason = registry.addBytes(chunk.length);
      if (reason) throw new PackageRejection('READ-SIZE', reason, path);
      // The hasher takes its copy of the chunk (at once, or as soon as its ring has room) and
      // hashes it while it is written; both are done before the next chunk is asked for.
      const queued = hasher?.update(chunk);
      await writeAll(file, chunk);
      await queued;
      flusher?.wrote(chunk.length);
    }
    await flusher?.settle();
  } finally {
    await file.close();
  }
  if (hasher) registry.digests.set(path, await hasher.digest());
}

async function writeAll(file: FileHandle, chunk: Buffer): Promise<void> {
  for (let off = 0; off < chunk.length; ) off += (await file.write(chunk, off, chunk.length - off)).bytesWritten;
}

export async function makeDir(targetRoot: string, path: string): Promise<void> {
  await mkdir(join(targetRoot, path), { recursive: true });
}
