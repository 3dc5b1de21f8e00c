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

/** What the ingest pipeline needs to validate and identify delivered packages (an app that runs the worker). */
export const PIPELINE_ENV: Record<string, string> = {
  XML_SCHEMA_CATALOG: join(SHARED_DIR, 'schemas/catalog.xml'),
  PRONOM_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/DROID_SignatureFile_V122.xml'),
  PRONOM_CONTAINER_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/container-signature-20260119.xml'),
};
