import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root, found from source (ts via jest) or from dist/ (compiled benchmarks). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nest-cli.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
  return dir;
}

/** Reference data (schemas, PRONOM, samples) lives beside the repository, never inside it. */
export const SHARED_DIR = process.env.SAMARKIV_SHARED_DIR ?? resolve(repoRoot(), '../shared');
