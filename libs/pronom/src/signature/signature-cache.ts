import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { COMPILED_FORMAT_VERSION } from './compiled-signature';

export interface LoadedCompiled<T> {
  compiled: T;
  sha256: string;
  fromCache: boolean;
}

/** Source path → the sha256 last computed for it, valid while size, mtime and inode are unchanged. */
type HashIndex = Record<string, { stat: string; sha256: string }>;

/**
 * Loads a signature file compiled, from `cacheDir` when a compiled copy for the same bytes
 * exists. The key is the file's sha256, so replacing the file (a new PRONOM release) is a miss.
 * Hashing the 3.7 MB source is a third of a cache load, so the hash is remembered per path
 * beside the cache and recomputed whenever the file's size, mtime or inode change.
 */
export async function loadCompiled<T extends { formatVersion: number }>(
  path: string,
  kind: string,
  compile: (xml: Buffer) => T,
  cacheDir?: string,
): Promise<LoadedCompiled<T>> {
  const source = resolve(path);
  const st = await stat(source);
  const statKey = `${st.size}:${st.mtimeMs}:${st.ino}`;
  const indexPath = cacheDir ? join(cacheDir, `pronom-${kind}-hashes.json`) : undefined;
  const index: HashIndex = indexPath ? await readJson<HashIndex>(indexPath).then((i) => i ?? {}) : {};
  const known = index[source]?.stat === statKey ? index[source].sha256 : undefined;

  if (cacheDir && known) {
    const cached = await readJson<T>(cachePathFor(cacheDir, kind, known));
    if (cached?.formatVersion === COMPILED_FORMAT_VERSION) return { compiled: cached, sha256: known, fromCache: true };
  }
  const xml = await readFile(source);
  const sha256 = createHash('sha256').update(xml).digest('hex');
  if (!cacheDir || !indexPath) return { compiled: compile(xml), sha256, fromCache: false };

  await mkdir(cacheDir, { recursive: true });
  if (known !== sha256) await writeAtomically(indexPath, JSON.stringify({ ...index, [source]: { stat: statKey, sha256 } }));
  const cachePath = cachePathFor(cacheDir, kind, sha256);
  const cached = await readJson<T>(cachePath);
  if (cached?.formatVersion === COMPILED_FORMAT_VERSION) return { compiled: cached, sha256, fromCache: true };
  const compiled = compile(xml);
  await writeAtomically(cachePath, JSON.stringify(compiled));
  return { compiled, sha256, fromCache: false };
}

function cachePathFor(cacheDir: string, kind: string, sha256: string): string {
  return join(cacheDir, `pronom-${kind}-${sha256}-v${COMPILED_FORMAT_VERSION}.json`);
}

function readJson<T>(path: string): Promise<T | undefined> {
  return readFile(path, 'utf8').then(
    (text) => JSON.parse(text) as T,
    () => undefined,
  );
}

/** Write then rename, so a concurrent reader never sees half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
