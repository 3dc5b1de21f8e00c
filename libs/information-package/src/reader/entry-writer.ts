import { writeFileSync } from 'node:fs';
import { FileHandle, mkdir, open } from 'node:fs/promises';
import { MultiHasher } from '@samarkiv/fixity';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { EntryRegistry } from './entry-registry';
import { PackageRejection } from './package-rejection';

/** Entries up to this size are gathered in memory and written with one synchronous call. */
const SMALL_ENTRY_BYTES = 1024 * 1024;
/** From this size an entry is hashed on other threads (one per algorithm) while this one writes it. */
const THREADED_HASH_BYTES = 32 * 1024 * 1024;
/** With flushLargeFiles, a large entry's written bytes are sent to disk every so many bytes. */
const FLUSH_EVERY_BYTES = 64 * 1024 * 1024;

/**
 * Streams one entry to disk, hashing it on the way when the registry asks for digests (so the
 * pipeline need not read the file again). 'wx' refuses to overwrite or follow anything already
 * there, so even a name that slipped past the checks cannot clobber a file; the byte counter
 * enforces the size limit on what is actually inflated, not on what the header claims. Small
 * entries skip the stream machinery: for many small files its per-file round trips dominate.
 */
export async function writeEntry(source: Readable, targetRoot: string, path: string, registry: EntryRegistry, declaredSize?: number): Promise<void> {
  const target = join(targetRoot, path);
  const hashing = registry.digestAlgorithms.length > 0;
  if (declaredSize !== undefined && declaredSize <= SMALL_ENTRY_BYTES) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of source) {
      const reason = registry.addBytes((chunk as Buffer).length);
      if (reason) throw new PackageRejection('READ-SIZE', reason, path);
      // Never trust a header for what is held in memory.
      if ((size += (chunk as Buffer).length) > declaredSize) throw new PackageRejection('READ-SIZE', `entry is larger than its header says (${declaredSize} bytes)`, path);
      chunks.push(chunk as Buffer);
    }
    const data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    registry.ensureDir(dirname(target));
    writeFileSync(target, data, { flag: 'wx' });
    if (hashing) {
      const hasher = new MultiHasher(registry.digestAlgorithms);
      hasher.update(data);
      registry.digests.set(path, hasher.digest());
    }
    await registry.onSmallFile?.(path, data);
    return;
  }
  await mkdir(dirname(target), { recursive: true });
  const threaded = hashing && (declaredSize ?? 0) >= THREADED_HASH_BYTES;
  const hasher = threaded ? registry.largeFileHasher() : hashing ? new MultiHasher(registry.digestAlgorithms) : undefined;
  const file = await open(target, 'wx');
  try {
    const flusher = registry.flushLargeFiles ? new BackgroundFlush(file) : undefined;
    for await (const chunk of source) {
      const reason = registry.addBytes((chunk as Buffer).length);
      if (reason) throw new PackageRejection('READ-SIZE', reason, path);
      // The threads copy the chunk before this write starts, and hash it while it is written.
      const queued = hasher?.update(chunk as Buffer);
      await writeAll(file, chunk as Buffer);
      await queued;
      flusher?.wrote((chunk as Buffer).length);
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

/**
 * Sends a large file's written bytes to disk every FLUSH_EVERY_BYTES while it is still being
 * written, one fdatasync at a time on the thread pool: the disk then works while the file is
 * read and hashed, and whoever makes it durable at the end finds little left to write.
 */
class BackgroundFlush {
  private unflushed = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly file: FileHandle) {}

  wrote(bytes: number): void {
    this.unflushed += bytes;
    if (this.running || this.unflushed < FLUSH_EVERY_BYTES) return;
    this.unflushed = 0;
    this.running = this.file.datasync().finally(() => (this.running = undefined));
    // A failure surfaces in settle(); until then it must not count as unhandled.
    this.running.catch(() => undefined);
  }

  async settle(): Promise<void> {
    await this.running;
  }
}

export async function makeDir(targetRoot: string, path: string): Promise<void> {
  await mkdir(join(targetRoot, path), { recursive: true });
}
