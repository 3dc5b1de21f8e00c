import { MetsDiv, MetsDocument, MetsFileGroup, MetsMdRef } from './mets.model';
import { XmlWriter } from './xml-writer';

export const METS_NS = 'http://www.loc.gov/METS/';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const CSIP_NS = 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS';
export const SIP_NS = 'https://DILCIS.eu/XML/METS/SIPExtensionMETS';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export const CSIP_PROFILE = 'https://earkcsip.dilcis.eu/profile/E-ARK-CSIP-v2-2-0.xml';
export const SIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml';
/** Spelled as requirement AIPM2 of the AIP 2.2.0 profile gives it (host "earkdip" included). */
export const AIP_PROFILE = 'https://earkdip.dilcis.eu/profile/E-ARK-AIP-v2-2-0.xml';
/** The value requirement DIP2 of the DIP 2.2.0 profile prescribes. */
export const DIP_PROFILE = 'https://earkdip.dilcis.eu/profile/E-ARK-DIP.xml';

/** Schema file names inside `schemas/` and the official locations they were published under. */
export const SCHEMA_FILES = {
  mets: { file: 'mets.xsd', url: 'http://www.loc.gov/standards/mets/mets.xsd', ns: METS_NS },
  xlink: { file: 'xlink.xsd', url: 'http://www.loc.gov/standards/xlink/xlink.xsd', ns: XLINK_NS },
  csip: { file: 'DILCISExtensionMETS.xsd', url: 'https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd', ns: CSIP_NS },
  sip: { file: 'DILCISExtensionSIPMETS.xsd', url: 'https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd', ns: SIP_NS },
  premis: { file: 'premis.xsd', url: 'http://www.loc.gov/standards/premis/premis.xsd', ns: 'http://www.loc.gov/premis/v3' },
} as const;

/**
 * A package path as a relative URL (CSIP76/79): each segment percent-encoded (UTF-8), so spaces,
 * '#', '%' and non-ASCII names such as "Årsredovisning ö.pdf" survive every URL parser.
 */
export function toHref(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function renderMets(doc: MetsDocument): Buffer {
  // The SIP extension (sip:FILEFORMATNAME …) is declared only where the SIP profile applies.
  const usesSip = doc.oaisPackageType === 'SIP';
  const schemas = usesSip ? [SCHEMA_FILES.mets, SCHEMA_FILES.xlink, SCHEMA_FILES.csip, SCHEMA_FILES.sip] : [SCHEMA_FILES.mets, SCHEMA_FILES.xlink, SCHEMA_FILES.csip];
  const schemaLocation = schemas.map((s) => `${s.ns} ${doc.schemasPath === undefined ? s.url : toHref(doc.schemasPath + s.file)}`).join(' ');
  const w = new XmlWriter();
  w.open('mets', {
    xmlns: METS_NS,
    'xmlns:xlink': XLINK_NS,
    'xmlns:csip': CSIP_NS,
    'xmlns:sip': usesSip ? SIP_NS : undefined,
    'xmlns:xsi': XSI_NS,
    'xsi:schemaLocation': schemaLocation,
    OBJID: doc.objid,
    LABEL: doc.label,
    TYPE: doc.type,
    'csip:OTHERTYPE': doc.otherType,
    'csip:CONTENTINFORMATIONTYPE': doc.contentInformationType,
    'csip:OTHERCONTENTINFORMATIONTYPE': doc.otherContentInformationType,
    PROFILE: doc.profile,
  });
  writeHeader(w, doc);
  for (const dmd of doc.dmdSecs) {
    w.open('dmdSec', { ID: dmd.id, CREATED: dmd.created, STATUS: dmd.status ?? 'CURRENT' });
    writeMdRef(w, dmd);
    w.close();
  }
  const techMds = doc.techMds ?? [];
  if (techMds.length + doc.rightsMds.length + doc.digiprovMds.length > 0) {
    w.open('amdSec', { ID: doc.amdSecId });
    // METS orders amdSec children techMD, rightsMD, sourceMD, digiprovMD.
    for (const md of techMds) writeMdSec(w, 'techMD', md);
    for (const md of doc.rightsMds) writeMdSec(w, 'rightsMD', md);
    for (const md of doc.digiprovMds) writeMdSec(w, 'digiprovMD', md);
    w.close();
  }
  if (doc.fileGroups.length > 0) {
    w.open('fileSec', { ID: doc.fileSecId });
    for (const group of doc.fileGroups) writeFileGroup(w, group);
    w.close();
  }
  w.open('structMap', { ID: doc.structMapId, TYPE: 'PHYSICAL', LABEL: 'CSIP' });
  writeDiv(w, doc.structRoot);
  w.close();
  w.close();
  return w.toBuffer();
}

function writeHeader(w: XmlWriter, doc: MetsDocument): void {
  w.open('metsHdr', {
    CREATEDATE: doc.createDate,
    LASTMODDATE: doc.lastModDate,
    RECORDSTATUS: doc.recordStatus,
    'csip:OAISPACKAGETYPE': doc.oaisPackageType,
  });
  for (const agent of doc.agents) {
    w.open('agent', { ROLE: agent.role, OTHERROLE: agent.otherRole, TYPE: agent.type, OTHERTYPE: agent.otherType });
    w.leaf('name', {}, agent.name);
    for (const note of agent.notes) w.leaf('note', { 'csip:NOTETYPE': note.noteType }, note.text);
    w.close();
  }
  for (const alt of doc.altRecordIds) w.leaf('altRecordID', { TYPE: alt.type }, alt.value);
  w.close();
}

function writeMdSec(w: XmlWriter, element: string, md: MetsMdRef): void {
  w.open(element, { ID: md.id, CREATED: md.created, STATUS: md.status ?? 'CURRENT' });
  writeMdRef(w, md);
  w.close();
}

function writeMdRef(w: XmlWriter, md: MetsMdRef): void {
  w.leaf('mdRef', {
    LOCTYPE: 'URL',
    'xlink:type': 'simple',
    'xlink:href': toHref(md.href),
    LABEL: md.label,
    MDTYPE: md.mdType,
    OTHERMDTYPE: md.otherMdType,
    MDTYPEVERSION: md.mdTypeVersion,
    MIMETYPE: md.mimeType,
    SIZE: md.size,
    CREATED: md.created,
    CHECKSUM: md.checksum,
    CHECKSUMTYPE: md.checksumType,
  });
}

function writeFileGroup(w: XmlWriter, group: MetsFileGroup): void {
  w.open('fileGrp', {
    ID: group.id,
    USE: group.use,
    ADMID: joinIds(group.admIds),
    'csip:CONTENTINFORMATIONTYPE': group.contentInformationType,
    'csip:OTHERCONTENTINFORMATIONTYPE': group.otherContentInformationType,
  });
  for (const file of group.files) {
    w.open('file', {
      ID: file.id,
      MIMETYPE: file.mimeType,
      SIZE: file.size,
      CREATED: file.created,
      CHECKSUM: file.checksum,
      CHECKSUMTYPE: file.checksumType,
      OWNERID: file.ownerId,
      ADMID: joinIds(file.admIds),
      'sip:FILEFORMATNAME': file.formatName,
      'sip:FILEFORMATVERSION': file.formatVersion,
      'sip:FORMATREGISTRY': file.formatRegistry,
      'sip:FORMATREGISTRYKEY': file.formatRegistryKey,
    });
    w.leaf('FLocat', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': toHref(file.href) });
    w.close();
  }
  w.close();
}

/** METS requires mptr before fptr before child divs inside a div. */
function writeDiv(w: XmlWriter, div: MetsDiv): void {
  const attrs = { ID: div.id, TYPE: div.type, LABEL: div.label, DMDID: joinIds(div.dmdIds), ADMID: joinIds(div.admIds) };
  const children = (div.mptrs?.length ?? 0) + (div.fptrs?.length ?? 0) + (div.divs?.length ?? 0);
  if (children === 0) {
    w.leaf('div', attrs);
    return;
  }
  w.open('div', attrs);
  for (const mptr of div.mptrs ?? []) w.leaf('mptr', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': toHref(mptr.href), 'xlink:title': mptr.title });
  for (const fileId of div.fptrs ?? []) w.leaf('fptr', { FILEID: fileId });
  for (const child of div.divs ?? []) writeDiv(w, child);
  w.close();
}

function joinIds(ids: string[] | undefined): string | undefined {
  return ids && ids.length > 0 ? ids.join(' ') : undefined;
}
