import { DigestAlgorithm } from '@samarkiv/fixity';

/** What the METS builder renders; the SIP/AIP/DIP writers fill it in. Hrefs are package paths, not yet URL-encoded. */
export type OaisPackageType = 'SIP' | 'AIP' | 'DIP';
export type MetadataStatus = 'CURRENT' | 'SUPERSEDED';
export type AgentRole = 'CREATOR' | 'EDITOR' | 'ARCHIVIST' | 'PRESERVATION' | 'DISSEMINATOR' | 'CUSTODIAN' | 'IPOWNER' | 'OTHER';
export type AgentType = 'INDIVIDUAL' | 'ORGANIZATION' | 'OTHER';
export type NoteType = 'SOFTWARE VERSION' | 'IDENTIFICATIONCODE';

export interface MetsNote {
  text: string;
  noteType?: NoteType;
}

export interface MetsAgent {
  role: AgentRole;
  otherRole?: string;
  type: AgentType;
  otherType?: string;
  name: string;
  notes: MetsNote[];
}

export interface MetsAltRecordId {
  type: string;
  value: string;
}

/** Size, checksum and creation time of a file inside the package. */
export interface MetsFileFacts {
  href: string;
  mimeType: string;
  size: number;
  created: string;
  checksum: string;
  checksumType: DigestAlgorithm;
}

export interface MetsMdRef extends MetsFileFacts {
  id: string;
  mdType: string;
  otherMdType?: string;
  mdTypeVersion?: string;
  status?: MetadataStatus;
  label?: string;
}

export interface MetsFile extends MetsFileFacts {
  id: string;
  admIds?: string[];
  ownerId?: string;
  /** E-ARK SIP format attributes (SIP32–35). */
  formatName?: string;
  formatVersion?: string;
  formatRegistry?: string;
  formatRegistryKey?: string;
}

export interface MetsFileGroup {
  id: string;
  use: string;
  contentInformationType?: string;
  otherContentInformationType?: string;
  admIds?: string[];
  files: MetsFile[];
}

export interface MetsPointer {
  href: string;
  /** CSIP108: the ID of the file group that holds the pointed-to METS file. */
  title: string;
}

export interface MetsDiv {
  id: string;
  label: string;
  type?: string;
  dmdIds?: string[];
  admIds?: string[];
  mptrs?: MetsPointer[];
  fptrs?: string[];
  divs?: MetsDiv[];
}

export interface MetsDocument {
  objid: string;
  label?: string;
  /** Content category (CSIP2); `Other` needs `otherType` (CSIP3). */
  type: string;
  otherType?: string;
  contentInformationType?: string;
  otherContentInformationType?: string;
  profile: string;
  createDate: string;
  lastModDate?: string;
  recordStatus?: string;
  oaisPackageType: OaisPackageType;
  agents: MetsAgent[];
  altRecordIds: MetsAltRecordId[];
  dmdSecs: MetsMdRef[];
  rightsMds: MetsMdRef[];
  digiprovMds: MetsMdRef[];
  /** Technical and other administrative metadata (e.g. extracted records under metadata/other/). */
  techMds?: MetsMdRef[];
  amdSecId: string;
  fileSecId: string;
  fileGroups: MetsFileGroup[];
  structMapId: string;
  structRoot: MetsDiv;
  /** Path from this METS file to the package's `schemas/` folder when schemas are included. */
  schemasPath?: string;
}
