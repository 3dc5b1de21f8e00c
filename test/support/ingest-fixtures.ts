import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSip } from '@samarkiv/information-package';
import { makeSourceFolder, sipOptions, tempDir } from '../../libs/information-package/src/writer/testing/fixtures.test-helper';
import { SHARED_DIR } from './shared-dir';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');
const OBJECT_DECLARATION = '0=ocfl_object_1.1';

/**
 * A zipped SIP with `extraBytes` of incompressible text in a register file, so that the heavy
 * stages take a while (the worker-kill tests need a delivery to be mid-stage).
 */
export async function sipWithRegister(objid: string, extraBytes: number, tag = 'sip'): Promise<Buffer> {
  const source = makeSourceFolder();
  // A heading first, so random bytes at the start never match a binary format's signature.
  if (extraBytes > 0) writeFileSync(join(source, 'register.txt'), `Registerutdrag\n${randomBytes(extraBytes).toString('base64')}`);
  return readFileSync((await buildSip(sipOptions(tempDir(tag), source, { objid, format: 'zip', schemaCatalog: CATALOG }))).path);
}

/**
 * Object roots visible in a storage location (relative paths). A writer killed mid-write leaves
 * its work in the location's `.staging/` area, which is never an object and which the next fixity
 * audit clears once no writer is active (proved in preservation-crash.test.ts).
 */
export function objectRoots(location: string): string[] {
  if (!existsSync(location)) return [];
  return readdirSync(location, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === OBJECT_DECLARATION)
    .map((e) => relative(location, e.parentPath))
    .filter((p) => !p.startsWith('.staging'));
}
