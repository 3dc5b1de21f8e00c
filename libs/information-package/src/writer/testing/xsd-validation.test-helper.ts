import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DIR } from '../../../../../test/support/shared-dir';

export const CATALOG = join(SHARED_DIR, 'schemas', 'catalog.xml');

/**
 * A wrapper schema that imports METS with the DILCIS CSIP/SIP extensions and PREMIS by their
 * published URLs; the catalog maps them to the local copies, so nothing is fetched or committed.
 */
const WRAPPER = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:samarkiv:test:wrapper" elementFormDefault="qualified">
  <xs:import namespace="http://www.loc.gov/METS/" schemaLocation="http://www.loc.gov/standards/mets/mets.xsd"/>
  <xs:import namespace="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" schemaLocation="https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd"/>
  <xs:import namespace="https://DILCIS.eu/XML/METS/SIPExtensionMETS" schemaLocation="https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd"/>
  <xs:import namespace="http://www.loc.gov/premis/v3" schemaLocation="http://www.loc.gov/standards/premis/premis.xsd"/>
</xs:schema>
`;

let wrapperPath: string | undefined;

export function wrapperSchema(): string {
  if (wrapperPath === undefined) {
    wrapperPath = join(mkdtempSync(join(tmpdir(), 'pw-xsd-')), 'eark-wrapper.xsd');
    writeFileSync(wrapperPath, WRAPPER);
  }
  return wrapperPath;
}

export interface XsdResult {
  ok: boolean;
  output: string;
}

/** Runs `xmllint --noout --nonet --schema` offline through the shared catalog. */
export function validateWithXmllint(files: string[], schema = wrapperSchema()): XsdResult {
  if (!existsSync(CATALOG)) throw new Error(`schema catalog not found at ${CATALOG}; set SAMARKIV_SHARED_DIR`);
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--catalogs', '--schema', schema, ...files], {
    env: { ...process.env, XML_CATALOG_FILES: CATALOG },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
