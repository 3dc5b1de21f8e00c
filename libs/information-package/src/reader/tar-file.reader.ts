import { readSync } from 'node:fs';
import { FileHandle, open } from 'node:fs/promises';
import { FixityResult, MultiHasher, ThreadedHasher } from '@samarkiv/fixity';
import { EntryRegistry } from './entry-registry';
import { makeDir, SMALL_ENTRY_BYTES, writeLargeEntry, writeSmallEntry } from './entry-writer';
import { PackageRejection } from './package-rejection';
import { ReadLimits } from './read-limits';
import { admitTarEntry } from './tar-entry';
import { decodeLongName, decodePaxRecords, decodeTarHeader, TAR_BLOCK, TarHeader } from './tar-header';
import { TarExtractOptions } from './tar.reader';

/** Large entries are read, hashed and written in pieces of this size, through one reused buffer. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Containers from this size have their own digest taken on a second thread. */
const THREADED_HASH_BYTES = 16 * 1024 * 1024;
/** Largest pax or GNU long-name record accepted (a name or a few attributes, never data). */
const MAX_META_BYTES = 1024 * 1024;

/**
 * Extracts an uncompressed TAR file by reading it in order, into buffers it reuses: headers and
 * small files with sync reads, large files in 4 MiB pieces. Unlike a stream, it allocates no
 * buffer per chunk — through a stream a 2 GiB file is 2 GiB of short-lived buffers, which costs the
 * process's main thread seconds of garbage collection. Every byte of the file passes the
 * container's digests, when asked for. Hostile entries are refused as by extractTar.
 */
export async function extractTarFile(path: string, targetRoot: string, limits: ReadLimits, options: TarExtractOptions = {}): Promise<EntryRegistry & { containerDigests?: FixityResult }> {
  const registry: EntryRegistry & { containerDigests?: FixityResult } = new EntryRegistry(limits, options);
  const file = await open(path, 'r');
  const wanted = options.containerDigests ?? [];
  const containerHasher = wanted.length ? ((await file.stat()).size >= THREADED_HASH_BYTES ? new ThreadedHasher(wanted) : new MultiHasher(wanted)) : undefined;
  const reader = new TarFileReader(file, containerHasher);
  try {
    for (;;) {
      const header = await nextEntry(reader);
      if (!header) break;
      const entry = admitTarEntry(header, registry, limits, 0);
      if (entry.kind === 'file' && entry.size <= SMALL_ENTRY_BYTES) await writeSmallEntry(await reader.read(entry.size), targetRoot, entry.path, registry);
      else if (entry.kind === 'file') await writeLargeEntry(reader.pieces(entry.size), targetRoot, entry.path, registry, entry.size);
      else {
        if (entry.kind === 'dir') await makeDir(targetRoot, entry.path);
        await reader.skip(header.size);
      }
      await reader.skip(padding(header.size));
    }
    // The end-of-archive blocks and anything after them are part of the container too.
    await reader.skipToEnd();
    if (containerHasher) registry.containerDigests = await containerHasher.digest();
  } catch (err) {
    if (err instanceof PackageRejection) throw err;
    throw new PackageRejection('READ-TAR', `not a readable TAR file: ${(err as Error).message}`);
  } finally {
    if (containerHasher instanceof ThreadedHasher) await containerHasher.close();
    await file.close();
    await registry.close();
  }
  return registry;
}

/** The next entry's header with its GNU long names and pax records applied; null at the end. */
async function nextEntry(reader: TarFileReader): Promise<TarHeader | null> {
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> | undefined;
  let paxGlobal: Record<string, string> = {};
  for (;;) {
    const block = await reader.read(TAR_BLOCK, { orEnd: true });
    if (block.length === 0) return null;
    const header = decodeTarHeader(block);
    if (!header) return null;
    if (!(header.size >= 0) || !Number.isSafeInteger(header.size)) throw new Error(`invalid entry size in the header of "${header.name}"`);
    const meta = header.type === 'pax-header' || header.type === 'pax-global-header' || header.type === 'gnu-long-path' || header.type === 'gnu-long-link-path';
    if (!meta) {
      if (longName !== undefined) header.name = longName;
      if (longLink !== undefined) header.linkname = longLink;
      if (pax?.path) header.name = pax.path;
      if (pax?.linkpath) header.linkname = pax.linkpath;
      if (pax?.size) header.size = Number(pax.size);
      if (!(header.size >= 0) || !Number.isSafeInteger(header.size)) throw new Error(`invalid pax size for "${header.name}"`);
      return header;
    }
    if (header.size > MAX_META_BYTES) throw new Error('extended header exceeds 1 MiB');
    const data = Buffer.from(await reader.read(header.size));
    await reader.skip(padding(header.size));
    if (header.type === 'gnu-long-path') longName = decodeLongName(data);
    else if (header.type === 'gnu-long-link-path') longLink = decodeLongName(data);
    else if (header.type === 'pax-global-header') paxGlobal = decodePaxRecords(data);
    else pax = { ...paxGlobal, ...decodePaxRecords(data) };
  }
}

const padding = (size: number) => (TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK;

/**
 * Reads a file front to back through two buffers, feeding every byte to the container's hasher.
 * What it returns is valid until the next call.
 */
class TarFileReader {
  private position = 0;
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private readonly spare = Buffer.allocUnsafe(CHUNK_BYTES);

  constructor(
    private readonly file: FileHandle,
    private readonly hasher: MultiHasher | ThreadedHasher | undefined,
  ) {}

  /** The next `n` bytes (at most CHUNK_BYTES), read synchronously; a short read is a truncated TAR unless `orEnd`. */
  async read(n: number, opts: { orEnd?: boolean } = {}): Promise<Buffer> {
    let got = 0;
    while (got < n) {
      const read = readSync(this.file.fd, this.buffer, got, n - got, this.position + got);
      if (read === 0) break;
      got += read;
    }
    if (got < n && !(opts.orEnd && got === 0)) throw new Error('unexpected end of the file (truncated TAR)');
    return this.consume(this.buffer.subarray(0, got));
  }

  /**
   * The next `n` bytes in pieces of up to CHUNK_BYTES, read asynchronously (a piece may come from
   * disk), each while the one before is being used: two buffers take turns, so reading overlaps
   * whatever the caller does with a piece (hashing, writing).
   */
  async *pieces(n: number): AsyncIterable<Buffer> {
    let [current, next] = [this.buffer, this.spare];
    let offset = this.position;
    let reading = n > 0 ? this.readAt(current, Math.min(n, CHUNK_BYTES), offset) : undefined;
    for (let left = n; left > 0; ) {
      const want = Math.min(left, CHUNK_BYTES);
      await reading;
      left -= want;
      offset += want;
      reading = left > 0 ? this.readAt(next, Math.min(left, CHUNK_BYTES), offset) : undefined;
      // Awaited in the next round; a failure there must not count as unhandled before that.
      reading?.catch(() => undefined);
      yield await this.consume(current.subarray(0, want));
      [current, next] = [next, current];
    }
  }

  private async readAt(buffer: Buffer, length: number, position: number): Promise<void> {
    for (let got = 0; got < length; ) {
      const { bytesRead } = await this.file.read(buffer, got, length - got, position + got);
      if (bytesRead === 0) throw new Error('unexpected end of the file (truncated TAR)');
      got += bytesRead;
    }
  }

  async skip(n: number): Promise<void> {
    if (!this.hasher) {
      this.position += n;
      return;
    }
    for await (const _piece of this.pieces(n)) void _piece;
  }

  /** Everything left, for the container's digest. */
  async skipToEnd(): Promise<void> {
    if (!this.hasher) return;
    for (;;) {
      const { bytesRead } = await this.file.read(this.buffer, 0, CHUNK_BYTES, this.position);
      if (bytesRead === 0) return;
      await this.consume(this.buffer.subarray(0, bytesRead));
    }
  }

  private async consume(bytes: Buffer): Promise<Buffer> {
    this.position += bytes.length;
    await this.hasher?.update(bytes);
    return bytes;
  }
}
