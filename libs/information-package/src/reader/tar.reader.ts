import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { DigestAlgorithm, FixityResult, MultiHasher, ThreadedHasher } from '@samarkiv/fixity';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, Header } from 'tar-stream';
import { checkEntryName } from './entry-name';
import { EntryRegistry, ExtractOptions } from './entry-registry';
import { makeDir, writeEntry } from './entry-writer';
import { PackageRejection } from './package-rejection';
import { ReadLimits } from './read-limits';

/** Containers from this size have their own digest taken on a second thread. */
const THREADED_HASH_BYTES = 16 * 1024 * 1024;

const KIND_NAMES: Record<string, string> = {
  symlink: 'a symbolic link',
  link: 'a hard link',
  'character-device': 'a character device',
  'block-device': 'a block device',
  fifo: 'a FIFO',
  'contiguous-file': 'a contiguous file',
};

/** GNU and BSD tar write "./name"; that prefix is harmless, so it is dropped before the checks. */
function stripDotSlash(name: string): string {
  let n = name;
  while (n.startsWith('./')) n = n.slice(2);
  return n;
}

async function drain(stream: Readable): Promise<void> {
  for await (const _chunk of stream) void _chunk;
}

export interface TarExtractOptions extends ExtractOptions {
  /** Computed over the container file itself in the same read (TAR only: ZIP is read out of order). */
  containerDigests?: readonly DigestAlgorithm[];
}

/**
 * Extracts a TAR (optionally gzip-compressed) into targetRoot, refusing it at the first hostile
 * entry. The container is read once: its own digests and each file's are computed on the way.
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

async function handleEntry(
  header: Header,
  stream: Readable,
  targetRoot: string,
  registry: EntryRegistry,
  limits: ReadLimits,
  compressedSize: number,
): Promise<void> {
  const rawName = header.name;
  const name = stripDotSlash(rawName);
  if (name === '' || name === '.') return drain(stream);
  const type = header.type ?? 'file';
  if (type !== 'file' && type !== 'directory') {
    const kind = KIND_NAMES[type] ?? `a "${type}" entry`;
    throw new PackageRejection('READ-LINK', `entry is ${kind}; only regular files and folders are accepted`, rawName);
  }
  const check = checkEntryName(type === 'directory' && !name.endsWith('/') ? `${name}/` : name, limits.maxPathLength);
  if (!check.ok) throw new PackageRejection(check.code, check.reason, rawName);
  const duplicate = registry.register(check.path, check.isDir);
  if (duplicate) throw new PackageRejection('READ-DUPLICATE', duplicate, rawName);
  if (check.isDir) {
    await makeDir(targetRoot, check.path);
    return drain(stream);
  }
  const declared = header.size ?? 0;
  if (registry.bytes + declared > limits.maxTotalBytes) {
    throw new PackageRejection('READ-SIZE', `uncompressed content exceeds the limit of ${limits.maxTotalBytes} bytes`, rawName);
  }
  if (compressedSize > 0) {
    const inflated = registry.bytes + declared;
    if (inflated >= limits.ratioThresholdBytes && inflated / compressedSize > limits.maxCompressionRatio) {
      throw new PackageRejection(
        'READ-BOMB',
        `compression ratio exceeds ${limits.maxCompressionRatio}:1 (possible gzip bomb)`,
        rawName,
      );
    }
  }
  await writeEntry(stream, targetRoot, check.path, registry, declared);
}
