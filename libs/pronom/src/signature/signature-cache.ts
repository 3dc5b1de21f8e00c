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
export async function loadCompiled<T extends { formatVersion: number }>(
  path: string,
  kind: string,
  compile: (xml: Buffer) => T,
  cacheDir?: string,
): Promise<LoadedCompiled<T>> {
  const xml = await readFile(path);
  const sha256 = createHash('sha256').update(xml).digest('hex');
  const cachePath = cacheDir ? join(cacheDir, `pronom-${kind}-${sha256}-v${COMPILED_FORMAT_VERSION}.json`) : undefined;
  if (cachePath) {
    const cached = await readFile(cachePath, 'utf8').then(
      (text) => JSON.parse(text) as T,
      () => undefined,
    );
    if (cached?.formatVersion === COMPILED_FORMAT_VERSION) return { compiled: cached, sha256, fromCache: true };
  }
  const compiled = compile(xml);
  if (cacheDir && cachePath) {
    await mkdir(cacheDir, { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${cachePath}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, JSON.stringify(compiled));
    await rename(tmp, cachePath);
  }
  return { compiled, sha256, fromCache: false };
}
