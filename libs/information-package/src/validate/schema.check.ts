import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FindingSink } from '../model/finding';
import { Inventory } from '../reader/folder.walker';
import { SchemaSet, schemaSetForNamespace } from '../schema/schema-sets';
import { XsdValidator } from '../schema/xsd.validator';
import { checkXmlProlog } from '../xml/xml-stream';

export interface SchemaTarget {
  path: string;
  set: SchemaSet;
}

/**
 * XML Schema validation of every METS plus PREMIS/EAD3 files in metadata folders; all offline via
 * the catalog. Without a catalog the check is skipped with one warning, never fetched from the web.
 */
export async function checkSchemas(
  rootDir: string,
  inventory: Inventory,
  metsTargets: SchemaTarget[],
  sink: FindingSink,
  catalog: string | undefined,
  inMemoryLimit?: number,
  keepWarm?: boolean,
): Promise<void> {
  const targets = [...metsTargets];
  const metsPaths = new Set(metsTargets.map((t) => t.path));
  for (const path of inventory.keys()) {
    if (metsPaths.has(path) || !/\.xml$/i.test(path)) continue;
    const inMetadata = path.startsWith('metadata/') || path.includes('/metadata/') || !path.includes('/');
    if (!inMetadata) continue;
    const prolog = await checkXmlProlog(join(rootDir, path));
    if (!prolog.ok) {
      sink.error(prolog.doctype ? 'XML-DOCTYPE' : 'XML-WELLFORMED', path, `${prolog.reason}.`);
      continue;
    }
    const set = schemaSetForNamespace(prolog.rootNamespace);
    if (set) targets.push({ path, set });
  }
  if (!catalog) {
    sink.warning('XSD', '', 'No XML catalog configured (--schemas); METS, PREMIS and EAD files were not validated against their XML Schemas.');
    return;
  }
  if (!existsSync(catalog)) {
    sink.warning('XSD', catalog, `The XML catalog ${catalog} does not exist; no XML Schema validation was done.`);
    return;
  }
  const validator = new XsdValidator(catalog, inMemoryLimit, keepWarm);
  const outcomes = await validator.validateAll(targets.map((t) => ({ path: join(rootDir, t.path), set: t.set })));
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    const outcome = outcomes[i];
    if (outcome.status === 'unavailable') sink.warning('XSD', target.path, `Schema validation (${target.set.name}) skipped: ${outcome.reason}.`);
    else if (outcome.status === 'invalid') {
      for (const p of outcome.problems) {
        sink.error('XSD', p.line ? `${target.path}:${p.line}` : target.path, `Not valid against ${target.set.name}: ${p.message}`);
      }
    }
  }
}
