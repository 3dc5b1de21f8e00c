import { DigestAlgorithm } from '@samarkiv/fixity';

/** PREMIS 3 entities as the package writers need them. Identifier types are free text (e.g. "local", "URN"). */
export interface PremisIdentifier {
  type: string;
  value: string;
}

export interface PremisFormat {
  /** Format name, e.g. "Acrobat PDF/A - Portable Document Format" or a MIME type when nothing better is known. */
  name: string;
  version?: string;
  /** PRONOM PUID, e.g. "fmt/354". */
  puid?: string;
  /** How the format was found, e.g. "signature" or "extension" (written as a formatNote). */
  basis?: string;
}

export interface PremisRelationship {
  type: 'structural' | 'derivation' | 'dependency' | 'reference';
  subType: string;
  related: PremisIdentifier;
}

export interface PremisObject {
  kind: 'file' | 'representation' | 'intellectualEntity';
  xmlId: string;
  identifier: PremisIdentifier;
  /** Only for files. */
  fixity?: Array<{ algorithm: DigestAlgorithm; digest: string }>;
  size?: number;
  format?: PremisFormat;
  originalName?: string;
  /** Where the object lives inside the package (a package-relative path). */
  contentLocation?: string;
  relationships?: PremisRelationship[];
  linkingEvents?: PremisIdentifier[];
  linkingRights?: PremisIdentifier[];
}

/** Event types from id.loc.gov/vocabulary/preservation/eventType, by their labels. */
export type PremisEventType =
  | 'ingestion'
  | 'validation'
  | 'virus check'
  | 'format identification'
  | 'message digest calculation'
  | 'fixity check'
  | 'replication'
  | 'metadata modification'
  | 'transfer'
  | 'dissemination'
  | 'deletion'
  | 'migration'
  | 'creation';

export type PremisOutcome = 'success' | 'failure' | 'warning';

export interface PremisLinkedAgent extends PremisIdentifier {
  /** id.loc.gov eventRelatedAgentRole label, e.g. "executing program", "implementer", "authorizer". */
  role: string;
}

export interface PremisLinkedObject extends PremisIdentifier {
  /** id.loc.gov eventRelatedObjectRole label, e.g. "source", "outcome". */
  role?: string;
}

export interface PremisEvent {
  xmlId: string;
  identifier: PremisIdentifier;
  type: PremisEventType;
  dateTime: string;
  detail?: string;
  outcome: PremisOutcome;
  outcomeDetail?: string;
  agents: PremisLinkedAgent[];
  objects: PremisLinkedObject[];
}

export interface PremisAgent {
  xmlId: string;
  identifier: PremisIdentifier;
  name: string;
  type: 'software' | 'organization' | 'person' | 'hardware';
  version?: string;
  notes?: string[];
}

export type PremisRightsBasis =
  | { basis: 'copyright'; status: 'copyrighted' | 'publicdomain' | 'unknown'; jurisdiction: string; note?: string }
  | { basis: 'license'; terms: string; note?: string }
  | { basis: 'statute'; jurisdiction: string; citation: string; note?: string }
  | { basis: 'other'; otherBasis: string; note?: string };

export interface PremisRightsStatement {
  xmlId: string;
  identifier: PremisIdentifier;
  basis: PremisRightsBasis;
  /** What is granted, e.g. act "disseminate" with restriction "disallow" for secrecy-protected records. */
  granted: Array<{ act: string; restriction?: string; note?: string }>;
  objects: PremisIdentifier[];
  agents: PremisLinkedAgent[];
}

export interface PremisDocument {
  objects: PremisObject[];
  events: PremisEvent[];
  agents: PremisAgent[];
  rights: PremisRightsStatement[];
}
