import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { DigestAlgorithm, FixityResult, MultiHasher, ThreadedHasher } from '@samarkiv/fixity';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, Header } from 'tar-stream';
import { EntryRegistry, ExtractOptions } from './entry-registry';
import { makeDir, writeEntry } from './entry-writer';
import { PackageRejection } from './package-rejection';
import { ReadLimits } from './read-limits';
import { admitTarEntry } from './tar-entry';

/** Containers from this size have their own digest taken on a second thread. */
const THREADED_HASH_BYTES = 16 * 1024 * 1024;

async function drain(stream: Readable): Promise<void> {
  for await (const _chunk of stream) void _chunk;
}

export interface TarExtractOptions extends ExtractOptions {
  /** Computed over the container file itself in the same read (TAR only: ZIP is read out of order). */
  containerDigests?: readonly DigestAlgorithm[];
}

/**
 * Extracts a TAR read as a stream (gzip-compressed: it cannot be read by position) into
 * targetRoot, refusing it at the first hostile entry. The container is read once: its own digests
 * and each file's are computed on the way. An uncompressed TAR file goes through extractTarFile.
 */
export async function extractTar(path: string, targetRoot: string, limits: ReadLimits, gzip: boolean, options: TarExtractOptions = {}): Promise<EntryRegistry & { containerDigests?: FixityResult }> {
  const registry: EntryRegistry & { containerDigests?: FixityResult } = new EntryRegistry(limits, options);
  const compressedSize = (await stat(path)).size;
  const extractor = extract();
  extractor.on('entry', (header, entryStream, next) => {
    // tar-stream's own stream type is a streamx Readable, which Node's pipeline accepts.
    const stream = entryStream as unknown as Readable;
    handleEntry(header, stream, targetRoot, registry, limits, gzip ? compressedSize : 0).then(
      () => next(),
      (err: unknown) => {
        stream.resume();
        next(err as Error);
      },
    );
  });
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  // A large container is hashed on a second thread while this one hashes and writes its files.
  const wanted = options.containerDigests ?? [];
  const containerHasher = wanted.length ? (compressedSize >= THREADED_HASH_BYTES ? new ThreadedHasher(wanted) : new MultiHasher(wanted)) : undefined;
  const source = containerHasher
    ? raw.pipe(
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            Promise.resolve(containerHasher.update(chunk)).then(() => done(null, chunk), done);
          },
        }),
      )
    : raw;
  if (containerHasher) raw.on('error', (e) => source.destroy(e));
  try {
    if (gzip) await pipeline(source, createGunzip(), extractor);
    else await pipeline(source, extractor);
    if (containerHasher) registry.containerDigests = await containerHasher.digest();
  } catch (err) {
    if (err instanceof PackageRejection) throw err;
    throw new PackageRejection('READ-TAR', `not a readable ${gzip ? 'gzip-compressed ' : ''}TAR file: ${(err as Error).message}`);
  } finally {
    if (containerHasher instanceof ThreadedHasher) await containerHasher.close();
    await registry.close();
  }
  return registry;
}

async function handleEntry(header: Header, stream: Readable, targetRoot: string, registry: EntryRegistry, limits: ReadLimits, compressedSize: number): Promise<void> {
  const entry = admitTarEntry(header, registry, limits, compressedSize);
  if (entry.kind === 'file') return writeEntry(stream, targetRoot, entry.path, registry, entry.size);
  if (entry.kind === 'dir') await makeDir(targetRoot, entry.path);
  return drain(stream);
}
