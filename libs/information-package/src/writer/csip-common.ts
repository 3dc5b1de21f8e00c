import { MetsAgent, MetsDiv, MetsMdRef } from './mets.model';
import { BuiltFile, PackageFiles } from './package-files';
import { PremisAgent, PremisIdentifier } from './premis.model';
import { SoftwareAgent } from './sip.options';

export const DEFAULT_SOFTWARE: SoftwareAgent = { name: 'Samarkiv', version: '0.1.0' };

/** The mandatory software CREATOR agent of every METS header (CSIP10–16). */
export function softwareMetsAgent(software: SoftwareAgent): MetsAgent {
  return {
    role: 'CREATOR',
    type: 'OTHER',
    otherType: 'SOFTWARE',
    name: software.name,
    notes: [{ text: software.version, noteType: 'SOFTWARE VERSION' }],
  };
}

export function softwarePremisAgent(software: SoftwareAgent): PremisAgent {
  return {
    xmlId: 'agent-software',
    identifier: softwareIdentifier(software),
    name: software.name,
    type: 'software',
    version: software.version,
  };
}

export function softwareIdentifier(software: SoftwareAgent): PremisIdentifier {
  return { type: 'local', value: `software:${software.name}/${software.version}` };
}

export function premisMdRef(files: PackageFiles, file: BuiltFile, id: string, metsDir = ''): MetsMdRef {
  return { ...files.facts(file, metsDir), id, mdType: 'PREMIS', mdTypeVersion: '3.0', status: 'CURRENT', label: file.path.split('/').pop() };
}

/** CSIP88–92: the Metadata division names every current dmdSec and amdSec section. */
export function metadataDiv(id: string, dmdIds: string[], admIds: string[]): MetsDiv {
  return { id, label: 'Metadata', dmdIds, admIds };
}

/** ISO 8601 with milliseconds in UTC: valid xs:dateTime and sortable. */
export function isoDate(date: Date): string {
  return date.toISOString();
}
