import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PackageWriterError, PackageWriterErrorCode } from './package-writer.errors';
import { SCHEMA_FILES } from './mets.builder';

export interface SchemaCopy {
  /** File name inside the package's `schemas/` folder. */
  fileName: string;
  /** Local source file, resolved through the catalog. */
  source: string;
}

/**
 * Resolves the schemas a package uses through an OASIS XML catalog (the same one the validator is
 * configured with), so the `schemas/` folder holds exactly the published files, copied at build
 * time. Only `system` entries are read: that is how schema URLs are mapped.
 */
export function resolveSchemas(catalogPath: string, keys: Array<keyof typeof SCHEMA_FILES>): SchemaCopy[] {
  if (!existsSync(catalogPath)) throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, `schema catalog not found: ${catalogPath}`);
  const entries = parseSystemEntries(readFileSync(catalogPath, 'utf8'));
  return keys.map((key) => {
    const { url, file } = SCHEMA_FILES[key];
    const uri = entries.get(url);
    if (uri === undefined) throw new PackageWriterError(PackageWriterErrorCode.SchemaNotInCatalog, `the catalog maps no local file for ${url}`);
    const source = resolve(dirname(catalogPath), uri);
    if (!existsSync(source)) throw new PackageWriterError(PackageWriterErrorCode.SchemaNotInCatalog, `catalog entry for ${url} points to a missing file`);
    return { fileName: file, source };
  });
}

function parseSystemEntries(xml: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const match of xml.matchAll(/<system\s+([^>]*?)\/?>/g)) {
    const attrs = new Map([...match[1].matchAll(/([A-Za-z]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const id = attrs.get('systemId');
    const uri = attrs.get('uri');
    if (id !== undefined && uri !== undefined) entries.set(id, uri);
  }
  return entries;
}
