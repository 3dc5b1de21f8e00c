import { DEFAULT_SOFTWARE, metadataDiv, premisMdRef, softwareIdentifier, softwareMetsAgent, softwarePremisAgent } from './csip-common';
import { IdSequence } from './id-sequence';
import { renderMets } from './mets.builder';
import { MetsFile, OaisPackageType } from './mets.model';
import { BuiltFile, PackageFiles } from './package-files';
import { renderPremis } from './premis.builder';
import { PremisFormat, PremisObject } from './premis.model';
import { SoftwareAgent } from './sip.options';
import { SourceFile } from './source-tree';

export interface RepresentationInput {
  name: string;
  files: SourceFile[];
  /** mets/@TYPE of the package, repeated in the representation METS. */
  contentCategory: string;
  otherContentCategory?: string;
  /** Mandatory in a representation METS (CSIP4). */
  contentInformationType: string;
  otherContentInformationType?: string;
  profile: string;
  oaisPackageType: OaisPackageType;
  recordStatus?: string;
  software?: SoftwareAgent;
  /** Relative path from the representation METS to the package `schemas/` folder, when included. */
  schemasPath?: string;
  formatOf?: (path: string) => PremisFormat | undefined;
  /** Date-time of the message digest calculation event. */
  eventDateTime: string;
}

export interface WrittenRepresentation {
  name: string;
  mets: BuiltFile;
  premis: BuiltFile;
  data: BuiltFile[];
}

/**
 * Writes `representations/<name>/`: the data files (hashed while copied), a PREMIS file with one
 * object per file, and the representation METS that references both (divided METS, CSIP105).
 */
export async function writeRepresentation(files: PackageFiles, input: RepresentationInput): Promise<WrittenRepresentation> {
  const software = input.software ?? DEFAULT_SOFTWARE;
  const base = `representations/${input.name}`;
  const data: Array<{ file: BuiltFile; source: SourceFile }> = [];
  for (const source of input.files) data.push({ file: await files.copy(source.absolute, `${base}/data/${source.relative}`), source });

  const repIdentifier = { type: 'local', value: base };
  const eventIdentifier = { type: 'local', value: `${base}/event/message-digest-calculation` };
  const objects: PremisObject[] = [
    { kind: 'representation', xmlId: 'object-representation', identifier: repIdentifier, originalName: input.name, contentLocation: `${base}/data` },
  ];
  data.forEach(({ file, source }, i) => {
    objects.push({
      kind: 'file',
      xmlId: `object-${String(i + 1).padStart(4, '0')}`,
      identifier: { type: 'local', value: file.path },
      fixity: [{ algorithm: files.checksumType, digest: files.facts(file).checksum }],
      size: file.size,
      format: input.formatOf?.(source.relative) ?? { name: file.mimeType, basis: 'media type from file extension' },
      originalName: source.relative,
      contentLocation: file.path,
      relationships: [{ type: 'structural', subType: 'is included in', related: repIdentifier }],
      linkingEvents: [eventIdentifier],
    });
  });
  const premisXml = renderPremis(
    {
      objects,
      events: [
        {
          xmlId: 'event-0001',
          identifier: eventIdentifier,
          type: 'message digest calculation',
          dateTime: input.eventDateTime,
          detail: `${files.checksumType} of every file, computed while it was copied into the package`,
          outcome: 'success',
          agents: [{ ...softwareIdentifier(software), role: 'executing program' }],
          objects: [{ ...repIdentifier, role: 'source' }],
        },
      ],
      agents: [softwarePremisAgent(software)],
      rights: [],
    },
    input.schemasPath === undefined ? undefined : `${input.schemasPath}premis.xsd`,
  );
  const premis = await files.write(`${base}/metadata/preservation/premis.xml`, premisXml, 'application/xml');

  const ids = new IdSequence();
  const digiprovId = ids.next('digiprov');
  const dataGroupId = ids.next('filegrp');
  const dataFiles: MetsFile[] = data.map(({ file, source }) => ({ ...files.facts(file, base), id: ids.next('file'), ...sipFormatAttributes(input, source.relative) }));
  const metsXml = renderMets({
    objid: input.name,
    type: input.contentCategory,
    otherType: input.otherContentCategory,
    contentInformationType: input.contentInformationType,
    otherContentInformationType: input.otherContentInformationType,
    profile: input.profile,
    createDate: files.created,
    recordStatus: input.recordStatus,
    oaisPackageType: input.oaisPackageType,
    agents: [softwareMetsAgent(software)],
    altRecordIds: [],
    dmdSecs: [],
    rightsMds: [],
    digiprovMds: [premisMdRef(files, premis, digiprovId, base)],
    amdSecId: ids.next('amdsec'),
    fileSecId: ids.next('filesec'),
    fileGroups: dataFiles.length > 0 ? [{ id: dataGroupId, use: 'Data', files: dataFiles }] : [],
    structMapId: ids.next('structmap'),
    structRoot: {
      id: ids.next('div'),
      label: input.name,
      divs: [metadataDiv(ids.next('div'), [], [digiprovId]), ...(dataFiles.length > 0 ? [{ id: ids.next('div'), label: 'Data', fptrs: [dataGroupId] }] : [])],
    },
    schemasPath: input.schemasPath,
  });
  const mets = await files.write(`${base}/METS.xml`, metsXml, 'application/xml');
  return { name: input.name, mets, premis, data: data.map((d) => d.file) };
}

/** SIP32–35: format facts on the METS file element, where the SIP extension schema applies. */
function sipFormatAttributes(input: RepresentationInput, path: string): Partial<MetsFile> {
  const format = input.oaisPackageType === 'SIP' ? input.formatOf?.(path) : undefined;
  if (format === undefined) return {};
  return {
    formatName: format.name,
    formatVersion: format.version,
    formatRegistry: format.puid === undefined ? undefined : 'PRONOM',
    formatRegistryKey: format.puid,
  };
}
