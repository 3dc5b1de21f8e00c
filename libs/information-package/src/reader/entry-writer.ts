import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntryRegistry } from './entry-registry';
import { PackageRejection } from './package-rejection';

/**
 * Streams one entry to disk. 'wx' refuses to overwrite or follow anything already there, so even a
 * name that slipped past the checks cannot clobber a file; the byte counter enforces the size limit
 * on what is actually inflated, not on what the header claims.
 */
export async function writeEntry(source: Readable, targetRoot: string, path: string, registry: EntryRegistry): Promise<void> {
  const target = join(targetRoot, path);
  await mkdir(dirname(target), { recursive: true });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const reason = registry.addBytes(chunk.length);
      if (reason) done(new PackageRejection('READ-SIZE', reason, path));
      else done(null, chunk);
    },
  });
  await pipeline(source, counter, createWriteStream(target, { flags: 'wx', highWaterMark: 1024 * 1024 }));
}

export async function makeDir(targetRoot: string, path: string): Promise<void> {
  await mkdir(join(targetRoot, path), { recursive: true });
}
