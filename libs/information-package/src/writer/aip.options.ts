import { DigestAlgorithm } from '@samarkiv/fixity';
import { PremisEventType, PremisFormat, PremisOutcome, PremisRightsBasis } from './premis.model';
import { SipOrganisation, SoftwareAgent } from './sip.options';

/** What the ingest pipeline already knows about one SIP file, so the AIP writer hashes nothing again. */
export interface AipFileFact {
  /** Path inside the SIP root folder, '/'-separated. */
  path: string;
  size: number;
  /** Must hold the AIP's checksum algorithm; every digest given is recorded as PREMIS fixity. */
  digests: Partial<Record<DigestAlgorithm, string>>;
  mimeType?: string;
  /** Format identification result (PRONOM PUID and name). */
  format?: PremisFormat;
}

export interface AipAgentInput {
  /** Key used by events and rights to name this agent. */
  key: string;
  name: string;
  type: 'software' | 'organization' | 'person';
  version?: string;
  identifier?: string;
}

export interface AipEventInput {
  type: PremisEventType;
  dateTime: string;
  outcome: PremisOutcome;
  detail?: string;
  outcomeDetail?: string;
  /** Agent keys: "software" (this writer), "preservation", or a key from `agents.others`. */
  agents?: Array<{ key: string; role: string }>;
  /** SIP paths the event concerns; when omitted the event is linked to the package as a whole. */
  objects?: string[];
}

export interface AipRightsInput {
  basis: PremisRightsBasis;
  granted: Array<{ act: string; restriction?: string; note?: string }>;
  /** Agent keys, as for events. */
  agents?: Array<{ key: string; role: string }>;
}

/** A file the archive adds under `metadata/other/` (e.g. the records extracted at ingest), referenced from a techMD. */
export interface AipOtherMetadata {
  /** Absolute path of the file to copy. */
  source: string;
  /** File name under metadata/other/. */
  name: string;
  mimeType?: string;
  /** METS OTHERMDTYPE, e.g. "samarkiv-records-jsonl". */
  otherMdType: string;
  label?: string;
}

export interface WriteAipOptions {
  /** Persistent AIP identifier (mets/@OBJID), e.g. "urn:uuid:…". */
  objid: string;
  /** Root folder name; defaults to the OBJID (made file-name safe only when it contains '/' or control characters). */
  folderName?: string;
  /** Folder that receives the AIP root folder. */
  targetDir: string;
  /** The extracted, validated SIP root folder. */
  sipDir: string;
  /** Name of the SIP folder under `submission/`; defaults to the SIP folder name. */
  submissionName?: string;
  /**
   * "copy" (default) keeps `sipDir` (a reflink where the file system has them); "move" renames it
   * into the AIP; "link" hard-links each file, keeping `sipDir` (same file system; falls back to
   * "copy" per file where links are not possible). "move" and "link" copy no byte.
   */
  sipTransfer?: 'copy' | 'move' | 'link';
  /** Facts for every file of the SIP. */
  files: AipFileFact[];
  label?: string;
  contentCategory?: string;
  otherContentCategory?: string;
  contentInformationType?: string;
  otherContentInformationType?: string;
  checksumAlgorithm?: DigestAlgorithm;
  /** Further digests for the files the AIP writer creates itself (e.g. SHA-512 for the OCFL inventory). */
  extraDigests?: DigestAlgorithm[];
  events: AipEventInput[];
  preservationAgent: SipOrganisation;
  otherAgents?: AipAgentInput[];
  rights?: AipRightsInput[];
  otherMetadata?: AipOtherMetadata[];
  software?: SoftwareAgent;
  schemaCatalog?: string;
  clock?: () => Date;
  durable?: boolean;
}
