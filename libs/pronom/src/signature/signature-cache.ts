import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COMPILED_FORMAT_VERSION } from './compiled-signature';

export interface LoadedCompiled<T> {
  compiled: T;
  sha256: string;
  fromCache: boolean;
}

/**
 * Loads a signature file compiled, from `cacheDir` when a compiled copy for the same bytes
 * exists. The key is the file's sha256, so replacing the file (a new PRONOM release) is a miss.
 */
/** How a compiled form is written to and read from the cache; plain JSON unless given. */
export interface CacheCodec<T> {
  pack(value: T): string;
  unpack(text: string): T | undefined;
}

function jsonCodec<T extends { formatVersion: number }>(): CacheCodec<T> {
  return {
    pack: (value) => JSON.stringify(value),
    unpack: (text) => {
      const value = JSON.parse(text) as T;
      return value.formatVersion === COMPILED_FORMAT_VERSION ? value : undefined;
    },
  };
}

/**
 * Loads a signature file compiled, from `cacheDir` when a compiled copy for the same bytes
 * exists. The key is the file's sha256, so replacing the file (a new PRONOM release) is a miss.
 */
export async function loadCompiled<T extends { formatVersion: number }>(
  path: string,
  kind: string,
  compile: (xml: Buffer) => T,
  cacheDir?: string,
  codec: CacheCodec<T> = jsonCodec<T>(),
): Promise<LoadedCompiled<T>> {
  const xml = await readFile(path);
  const sha256 = createHash('sha256').update(xml).digest('hex');
  const cachePath = cacheDir ? join(cacheDir, `pronom-${kind}-${sha256}-v${COMPILED_FORMAT_VERSION}.json`) : undefined;
  if (cachePath) {
    const cached = await readFile(cachePath, 'utf8').then(
      (text) => codec.unpack(text),
      () => undefined,
    );
    if (cached) return { compiled: cached, sha256, fromCache: true };
  }
  const compiled = compile(xml);
  if (cacheDir && cachePath) {
    await mkdir(cacheDir, { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${cachePath}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, codec.pack(compiled));
    await rename(tmp, cachePath);
  }
  return { compiled, sha256, fromCache: false };
}
