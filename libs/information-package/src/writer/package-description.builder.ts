import { BuiltFile, PackageFiles } from './package-files';
import { IdSequence } from './id-sequence';
import { MetsDiv, MetsFileGroup } from './mets.model';

export const PACKAGE_DESCRIPTION_PATH = 'documentation/package-description.txt';

export interface PackageDescriptionInput {
  packageType: 'SIP' | 'AIP' | 'DIP';
  objid: string;
  label?: string;
  created: string;
  software: string;
  lines: string[];
}

/**
 * A short human-readable description of the package. CSIP60 makes the Documentation file group a
 * MUST and validators built on the DILCIS rules report its absence as an error, so a package
 * without producer documentation still carries this one file.
 */
export async function writePackageDescription(files: PackageFiles, input: PackageDescriptionInput): Promise<BuiltFile> {
  const text = [
    `E-ARK ${input.packageType} ${input.objid}`,
    ...(input.label === undefined ? [] : [`Label: ${input.label}`]),
    `Created: ${input.created} by ${input.software}`,
    '',
    ...input.lines,
    '',
  ].join('\n');
  return files.write(PACKAGE_DESCRIPTION_PATH, Buffer.from(text, 'utf8'), 'text/plain');
}

/** The Documentation file group and its structMap division (CSIP60, CSIP93–96, CSIP116). */
export function documentationGroup(files: PackageFiles, docs: BuiltFile[], ids: IdSequence): { group: MetsFileGroup; div: MetsDiv } {
  const group: MetsFileGroup = { id: ids.next('filegrp'), use: 'Documentation', files: docs.map((f) => ({ ...files.facts(f), id: ids.next('file') })) };
  return { group, div: { id: ids.next('div'), label: 'Documentation', fptrs: [group.id] } };
}
