import Ajv from 'ajv';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { MappingDefinition } from '../domain/mapping';
import { invalidMappingFile } from '../search.errors';
import { MAPPING_SCHEMA } from './mapping.schema';

const ajv = new Ajv({ allErrors: true, useDefaults: true });
const validate = ajv.compile<Omit<MappingDefinition, 'file'>>(MAPPING_SCHEMA);

export function parseMapping(file: string, text: string): MappingDefinition {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw invalidMappingFile(file, [`not valid YAML (${(err as Error).message.split('\n')[0]})`]);
  }
  if (!validate(data)) throw invalidMappingFile(file, (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
  const m = data as Omit<MappingDefinition, 'file'>;
  const { puids, mimeTypes, extensions, xmlRoot, jsonResourceType } = m.match;
  if (!puids.length && !mimeTypes.length && !extensions.length && !xmlRoot && !jsonResourceType && m.reader !== 'file') {
    throw invalidMappingFile(file, ['match must name at least one format (puids, mimeTypes, extensions, xmlRoot or jsonResourceType)']);
  }
  return { ...m, file };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return yamlFiles(p);
      return /\.ya?ml$/.test(n) ? [p] : [];
    });
}

/** Every *.yaml under the directory (one folder per information type by convention). */
export function loadMappings(dir: string): MappingDefinition[] {
  let files: string[];
  try {
    files = yamlFiles(dir);
  } catch {
    throw invalidMappingFile(dir, ['directory not readable (set MAPPINGS_DIR)']);
  }
  const mappings = files.map((f) => parseMapping(relative(dir, f), readFileSync(f, 'utf8')));
  const ids = new Set<string>();
  for (const m of mappings) {
    if (ids.has(m.id)) throw invalidMappingFile(m.file, [`mapping id "${m.id}" is used twice`]);
    ids.add(m.id);
  }
  return mappings;
}
