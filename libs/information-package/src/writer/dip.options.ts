import { DigestAlgorithm } from '@samarkiv/fixity';
import { OutputFormat } from './package-output.writer';
import { SipOrganisation, SoftwareAgent } from './sip.options';

export type DipRecordMetadata =
  | { format: 'json'; content: unknown }
  | { format: 'xml'; content: string; mdType?: string; otherMdType?: string; mdTypeVersion?: string };

export interface DipRecordInput {
  /** The record's identifier in the archive. */
  id: string;
  /** Information type, e.g. "patient-record" or "case-file"; written to PREMIS and the dmdSec label. */
  informationType: string;
  /** The canonical metadata as the archive holds it. */
  metadata: DipRecordMetadata;
  files: Array<{ source: string; name?: string }>;
  /** OBJID of the AIP the record was taken from. */
  sourceAipId?: string;
  /** The delivery (submission) that brought the record in: PREMIS names it as a further source. */
  sourceDeliveryId?: string;
}

export interface DipProvenance {
  /** The archive that disseminates (ROLE=DISSEMINATOR in METS, agent in PREMIS). */
  disseminator: SipOrganisation;
  /** Who asked for the records (person or organisation). */
  requester?: { name: string; type: 'person' | 'organization' };
  /** Why, e.g. "utlämnande av allmän handling". */
  purpose?: string;
  /** Reference of the decision that allowed the dissemination (e.g. a registration number). */
  decisionReference?: string;
}

export interface WriteDipOptions {
  objid: string;
  outputDir: string;
  format?: OutputFormat;
  label?: string;
  contentCategory?: string;
  otherContentCategory?: string;
  contentInformationType?: string;
  otherContentInformationType?: string;
  records: DipRecordInput[];
  provenance: DipProvenance;
  software?: SoftwareAgent;
  schemaCatalog?: string;
  checksumAlgorithm?: DigestAlgorithm;
  clock?: () => Date;
  durable?: boolean;
}
