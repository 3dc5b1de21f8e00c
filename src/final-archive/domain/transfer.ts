import type { CopyFixity } from '../../preservation/preservation.facade';

/** `accepting`: the decision is taken and a job completes the custody move (then `accepted`). */
export type TransferStatus = 'proposed' | 'accepting' | 'accepted' | 'refused';

/** What the region archivist selects: all given conditions hold together. */
export interface TransferSelection {
  informationTypeId?: string;
  sourceSystem?: string;
  deliveryIds?: string[];
  /** Records dated within the period (inclusive, ISO dates); AIPs with records outside it are left out. */
  period?: { from?: string; to?: string };
}

export interface SelectionSummary {
  aips: number;
  records: number;
  bytes: number;
  firstDate: string | null;
  lastDate: string | null;
  heldRecords: number;
  informationTypes: string[];
  sourceSystems: string[];
}

export interface TransferItem {
  aipId: string;
  objectId: string;
  informationTypeId: string;
  sourceSystem: string;
  deliveryId: string;
  records: number;
  bytes: number;
  firstDate: string | null;
  lastDate: string | null;
  heldRecords: number;
  fixityBefore: CopyFixity[] | null;
  fixityAfter: CopyFixity[] | null;
  /** When the PREMIS transfer event was recorded on the AIP (null until then). */
  transferEventAt: string | null;
}

export interface Transfer {
  id: string;
  tenantId: string;
  status: TransferStatus;
  selection: TransferSelection;
  summary: SelectionSummary;
  note: string | null;
  proposedBy: { id: string; name: string | null };
  proposedAt: string;
  decidedBy: { id: string; name: string | null } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  receipt: TransferReceipt | null;
}

/** The transfer receipt: what the authority took custody of, and the proof that nothing changed. */
export interface TransferReceipt {
  transferId: string;
  tenantId: string;
  acceptedAt: string;
  acceptedBy: { id: string; name: string | null };
  proposedBy: { id: string; name: string | null };
  summary: SelectionSummary;
  aips: Array<{
    aipId: string;
    objectId: string;
    records: number;
    bytes: number;
    /**
     * Per copy: the head before, and the digest of that version's inventory before (the root
     * inventory then) and after (its own vN/inventory.json): equal means not a byte of what was
     * taken over changed. The new head only records the custody in the AIP's descriptor.
     */
    copies: Array<{ location: string; headBefore: string; headAfter: string; inventoryDigestBefore: string; inventoryDigestAfter: string; intact: boolean }>;
  }>;
  /** Every copy re-hashed before and after; the taken-over version unchanged and intact everywhere. */
  unchanged: boolean;
  /** SHA-256 of this receipt without the field, over its JSON with sorted keys. */
  digest: string;
}
