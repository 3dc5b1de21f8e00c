import { createWriteStream, writeFileSync } from 'node:fs';
import { MultiHasher } from '@samarkiv/fixity';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntryRegistry } from './entry-registry';
import { PackageRejection } from './package-rejection';

/** Entries up to this size are gathered in memory and written with one synchronous call. */
const SMALL_ENTRY_BYTES = 1024 * 1024;

/**
 * Streams one entry to disk, hashing it on the way when the registry asks for digests (so the
 * pipeline need not read the file again). 'wx' refuses to overwrite or follow anything already
 * there, so even a name that slipped past the checks cannot clobber a file; the byte counter
 * enforces the size limit on what is actually inflated, not on what the header claims. Small
 * entries skip the stream machinery: for many small files its per-file round trips dominate.
 */
export async function writeEntry(source: Readable, targetRoot: string, path: string, registry: EntryRegistry, declaredSize?: number): Promise<void> {
  const target = join(targetRoot, path);
  const hasher = registry.digestAlgorithms.length > 0 ? new MultiHasher(registry.digestAlgorithms) : undefined;
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
    hasher?.update(data);
    registry.ensureDir(dirname(target));
    writeFileSync(target, data, { flag: 'wx' });
  } else {
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        const reason = registry.addBytes(chunk.length);
        if (reason) return done(new PackageRejection('READ-SIZE', reason, path));
        hasher?.update(chunk);
        done(null, chunk);
      },
    });
    await mkdir(dirname(target), { recursive: true });
    await pipeline(source, counter, createWriteStream(target, { flags: 'wx', highWaterMark: 1024 * 1024 }));
  }
  if (hasher) registry.digests.set(path, hasher.digest());
}

export async function makeDir(targetRoot: string, path: string): Promise<void> {
  await mkdir(join(targetRoot, path), { recursive: true });
}
