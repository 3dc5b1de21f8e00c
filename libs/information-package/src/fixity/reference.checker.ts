import { join } from 'node:path';
import { DigestAlgorithm, FixityResult, hashFileSync, HASH_CHUNK_BYTES, parseDigestAlgorithm } from '@samarkiv/fixity';
import { hashLargeFile } from './large-file.hasher';
import { FileReference, RuleContext } from '../rules/rule-context';

/** Below this size the sync API is several times faster per file (see notes.md); above it we stream. */
const SYNC_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Checks every referenced file for existence, size and checksum. All algorithms any METS declares
 * for a file are computed together, so each file is read exactly once, or not at all when the
 * caller already knows its digests.
 */
export async function checkReferences(ctx: RuleContext, known?: ReadonlyMap<string, FixityResult>): Promise<void> {
  // Sorted rather than grouped in a Map: no per-path arrays for 100,000 references.
  const all = ctx.references.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
  let visited = 0;
  for (let start = 0; start < all.length; ) {
    let end = start + 1;
    while (end < all.length && all[end].path === all[start].path) end++;
    const path = all[start].path;
    const refs: FileReference[] = all.slice(start, end);
    start = end;
    // Small files are hashed with the sync API; yielding now and then keeps the event loop (and the
    // schema-validation child process started alongside) moving.
    if (++visited % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    const entry = ctx.inventory.get(path);
    if (!entry) {
      for (const ref of refs) ctx.report(ref.ids.missing, ref.locate(), `The referenced file "${path}" is not in the package.`, 'error');
      continue;
    }
    const algorithms = new Set<DigestAlgorithm>();
    for (const ref of refs) {
      const algorithm = ref.checksumType ? parseDigestAlgorithm(ref.checksumType) : undefined;
      if (algorithm) algorithms.add(algorithm);
      else if (ref.checksumType) {
        ctx.report(ref.ids.checksum, ref.locate(), `Checksum type "${ref.checksumType}" cannot be verified here; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512.`, 'warning');
      }
    }
    const abs = join(ctx.rootDir, path);
    let result: FixityResult | undefined;
    const given = known?.get(path);
    if (given && given.size === entry.size && [...algorithms].every((a) => given.digests[a] !== undefined)) result = given;
    else if (algorithms.size > 0) {
      result = entry.size <= SYNC_LIMIT_BYTES ? hashFileSync(abs, algorithms, buffer) : await hashLargeFile(abs, algorithms);
    }
    const actualSize = result?.size ?? entry.size;
    for (const ref of refs) {
      if (ref.size !== undefined && /^\d+$/.test(ref.size) && Number(ref.size) !== actualSize) {
        ctx.report(ref.ids.size, ref.locate(), `Size mismatch for "${path}": METS says ${ref.size} bytes, the file has ${actualSize}.`, 'error');
      }
      const algorithm = ref.checksumType ? parseDigestAlgorithm(ref.checksumType) : undefined;
      const actual = algorithm ? result?.digests[algorithm] : undefined;
      if (actual && ref.checksum && actual.toLowerCase() !== ref.checksum.trim().toLowerCase()) {
        ctx.report(ref.ids.checksum, ref.locate(), `${algorithm} mismatch for "${path}": METS says ${ref.checksum}, the file has ${actual}.`, 'error');
      }
    }
  }
}

/** Files on disk that no METS refers to (the METS files themselves excepted). */
export function unreferencedFiles(ctx: RuleContext, metsFiles: Iterable<string>): string[] {
  const exempt = new Set(metsFiles);
  return [...ctx.inventory.keys()].filter((p) => !ctx.referenced.has(p) && !exempt.has(p)).sort();
}
