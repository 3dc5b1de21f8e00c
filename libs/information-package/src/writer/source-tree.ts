import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PackageWriterError, PackageWriterErrorCode } from './package-writer.errors';

export interface SourceFile {
  /** Absolute path on disk. */
  absolute: string;
  /** Path below the walked folder, '/'-separated. */
  relative: string;
}

/**
 * Lists the regular files below a folder in code-point order (deterministic across machines).
 * Symlinks, sockets and devices are refused rather than followed: a package must not smuggle in
 * files from outside the folder the producer named.
 */
export function listSourceFiles(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  walk(root, '', out);
  return out.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

function walk(dir: string, prefix: string, out: SourceFile[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const absolute = join(dir, entry.name);
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) walk(absolute, relative, out);
    else if (entry.isFile()) out.push({ absolute, relative });
    else throw new PackageWriterError(PackageWriterErrorCode.UnsupportedFileType, `not a regular file or folder: ${relative}`);
  }
}

/** Checks that a name is one safe path segment (no separators, no '.', '..', no control characters). */
export function assertSegment(name: string, what: string): void {
  if (name === '' || name === '.' || name === '..' || /[/\\\u0000-\u001f]/.test(name)) {
    throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, `${what} must be a plain folder or file name: ${JSON.stringify(name)}`);
  }
}
