import { createWriteStream, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import { buildZip, RawZipEntry } from './zip-builder';

function listTree(dir: string, base: string, out: Array<{ rel: string; isDir: boolean }>): void {
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    const rel = relative(base, abs);
    if (statSync(abs).isDirectory()) {
      out.push({ rel: `${rel}/`, isDir: true });
      listTree(abs, base, out);
    } else out.push({ rel, isDir: false });
  }
}

/** Zips a package folder (its name becomes the single root folder of the archive). */
export function zipFolder(folder: string, target: string): string {
  const parent = join(folder, '..');
  const entries: RawZipEntry[] = [{ name: `${relative(parent, folder)}/` }];
  const tree: Array<{ rel: string; isDir: boolean }> = [];
  listTree(folder, parent, tree);
  for (const t of tree) entries.push(t.isDir ? { name: t.rel } : { name: t.rel, data: readFileSync(join(parent, t.rel)), deflate: true });
  writeFileSync(target, buildZip(entries));
  return target;
}

/** Tars a package folder, optionally gzip-compressed. */
export async function tarFolder(folder: string, target: string, gzip = false): Promise<string> {
  const parent = join(folder, '..');
  const p = pack();
  const tree: Array<{ rel: string; isDir: boolean }> = [{ rel: `${relative(parent, folder)}/`, isDir: true }];
  listTree(folder, parent, tree);
  for (const t of tree) {
    if (t.isDir) p.entry({ name: t.rel, type: 'directory' });
    else p.entry({ name: t.rel }, readFileSync(join(parent, t.rel)));
  }
  p.finalize();
  if (gzip) await pipeline(p, createGzip(), createWriteStream(target));
  else await pipeline(p, createWriteStream(target));
  return target;
}
