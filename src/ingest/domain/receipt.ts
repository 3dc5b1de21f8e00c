import { DeliveryFinding } from './delivery-finding';

/** What the archive signs and hands back for a delivery (kvittens). */
export interface ReceiptBody {
  receiptId: string;
  deliveryId: string;
  tenantId: string;
  outcome: 'accepted' | 'rejected';
  issuedAt: string;
  informationTypeId: string;
  sourceSystem: string;
  submissionAgreement: string | null;
  sip: { objid: string | null; kind: string | null; bytes: number | null; sha256: string | null };
  aip: {
    id: string;
    objectId: string;
    version: number;
    storedVersion: string;
    fileCount: number;
    totalBytes: number;
    recordCount: number;
    copies: Array<{ location: string; verifiedAt: string }>;
  } | null;
  findings: Array<Omit<DeliveryFinding, 'stage'> & { stage: string }>;
}
