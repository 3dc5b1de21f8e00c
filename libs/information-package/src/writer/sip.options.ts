import { DigestAlgorithm } from '@samarkiv/fixity';
import { BuiltFile } from './package-files';
import { OutputFormat } from './package-output.writer';
import { PremisEventType, PremisFormat, PremisOutcome } from './premis.model';

export interface SipOrganisation {
  name: string;
  /** Swedish organisationsnummer; written as the IDENTIFICATIONCODE note `ORG:<number>` (Riksarkivet's convention). */
  organisationNumber?: string;
  /** Any other identification code, written as given (e.g. "VAT:SE201345098701"). */
  identificationCode?: string;
}

export interface SipAgents {
  /** The organisation that created the records (ROLE=ARCHIVIST, SIP9–14). */
  archivalCreator?: SipOrganisation;
  /** The organisation or person submitting the package (ROLE=CREATOR, SIP15–20, mandatory). */
  submittingAgent: SipOrganisation & { type?: 'ORGANIZATION' | 'INDIVIDUAL' };
  /** Contact persons (ROLE=CREATOR, TYPE=INDIVIDUAL, SIP21–25); notes carry phone, e-mail etc. */
  contactPersons?: Array<{ name: string; contactInformation?: string[] }>;
  /** The archive that will preserve the package (ROLE=PRESERVATION, SIP26–31). */
  preservationAgent?: SipOrganisation;
}

export interface SipRepresentationInput {
  /** Folder name under `representations/`. */
  name: string;
  /** Folder whose files (recursively) become `representations/<name>/data/…`. */
  sourceDir: string;
  contentInformationType?: string;
  otherContentInformationType?: string;
}

export interface SipMetadataInput {
  source: string;
  /** Name in `metadata/descriptive/`; defaults to the source file name. */
  fileName?: string;
  /** METS MDTYPE, e.g. "EAD", "DC", "OTHER". */
  mdType: string;
  otherMdType?: string;
  mdTypeVersion?: string;
}

/**
 * An event from the content's earlier life (e.g. an archive's ingest, fixity checks and transfer
 * of custody), carried into the package-level PREMIS so the receiving archive keeps the provenance.
 */
export interface SipProvenanceEvent {
  /** Stable identifier of the event where it was recorded (e.g. "urn:samarkiv:…:event:…"). */
  identifier: string;
  type: PremisEventType;
  dateTime: string;
  outcome: PremisOutcome;
  detail?: string;
  outcomeDetail?: string;
  agent?: { identifier: string; name: string; type: 'software' | 'organization' | 'person' };
}

export interface SoftwareAgent {
  name: string;
  version: string;
}

export interface SipBuildOptions {
  /** Package identifier and root folder name (CSIP1, CSIPSTR). */
  objid: string;
  /** Folder that receives `<objid>/` or `<objid>.zip`. */
  outputDir: string;
  format?: OutputFormat;
  label?: string;
  /** Content category (mets/@TYPE, CSIP2), default "Mixed"; "Other" requires `otherContentCategory`. */
  contentCategory?: string;
  otherContentCategory?: string;
  /** csip:CONTENTINFORMATIONTYPE (CSIP4), default "MIXED". */
  contentInformationType?: string;
  otherContentInformationType?: string;
  recordStatus?: 'NEW' | 'SUPPLEMENT' | 'REPLACEMENT' | 'TEST' | 'VERSION' | 'OTHER';
  representations: SipRepresentationInput[];
  /** Descriptive metadata files; when none is given a minimal EAD3 record is written. */
  descriptiveMetadata?: SipMetadataInput[];
  /** Earlier events of the content, written after the packaging event in `metadata/preservation/premis.xml`. */
  provenance?: SipProvenanceEvent[];
  /** Files copied to `documentation/`. */
  documentation?: string[];
  agents: SipAgents;
  submissionAgreement?: string;
  previousSubmissionAgreements?: string[];
  referenceCode?: string;
  previousReferenceCodes?: string[];
  software?: SoftwareAgent;
  /** OASIS catalog; when given, the schemas used are copied into `schemas/` (CSIPSTR15). */
  schemaCatalog?: string;
  /** METS CHECKSUMTYPE, default SHA-256. */
  checksumAlgorithm?: DigestAlgorithm;
  /** Further digests computed in the same pass and returned (e.g. SHA-512 for OCFL). */
  extraDigests?: DigestAlgorithm[];
  /** Optional format facts for data files (path relative to the representation's data folder). */
  formatOf?: (representation: string, path: string) => PremisFormat | undefined;
  clock?: () => Date;
  /** Flush to disk before the package appears (default true). */
  durable?: boolean;
}

export interface PackageBuildResult {
  /** The package folder or ZIP file. */
  path: string;
  objid: string;
  files: BuiltFile[];
  bytes: number;
}
