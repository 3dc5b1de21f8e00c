import { createWriteStream } from 'node:fs';
import { MultiHasher } from '@samarkiv/fixity';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntryRegistry } from './entry-registry';
import { PackageRejection } from './package-rejection';

/**
 * Streams one entry to disk, hashing it on the way when the registry asks for digests (so the
 * pipeline need not read the file again). 'wx' refuses to overwrite or follow anything already there, so even a
 * name that slipped past the checks cannot clobber a file; the byte counter enforces the size limit
 * on what is actually inflated, not on what the header claims.
 */
export async function writeEntry(source: Readable, targetRoot: string, path: string, registry: EntryRegistry): Promise<void> {
  const target = join(targetRoot, path);
  await mkdir(dirname(target), { recursive: true });
  const hasher = registry.digestAlgorithms.length > 0 ? new MultiHasher(registry.digestAlgorithms) : undefined;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const reason = registry.addBytes(chunk.length);
      if (reason) return done(new PackageRejection('READ-SIZE', reason, path));
      hasher?.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(source, counter, createWriteStream(target, { flags: 'wx', highWaterMark: 1024 * 1024 }));
  if (hasher) registry.digests.set(path, hasher.digest());
}

export async function makeDir(targetRoot: string, path: string): Promise<void> {
  await mkdir(join(targetRoot, path), { recursive: true });
}
