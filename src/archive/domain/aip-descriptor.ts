/**
 * What the catalogue knows about an AIP, written into the AIP itself
 * (`metadata/other/samarkiv-aip.json`) so that the catalogue can be rebuilt from storage alone.
 * Field names are stable: older AIPs must stay readable.
 */
export interface AipDescriptor {
  format: typeof AIP_DESCRIPTOR_FORMAT;
  aipId: string;
  tenantId: string;
  deliveryId: string;
  sipObjid: string;
  sipKind: string | null;
  informationTypeId: string;
  sourceSystem: string;
  submissionAgreement: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  /** Set by a transfer of custody in a later version of this file; absent means intermediate. */
  tier?: 'intermediate' | 'final';
}

export const AIP_DESCRIPTOR_FORMAT = 'samarkiv-aip/1';
export const AIP_DESCRIPTOR_PATH = 'metadata/other/samarkiv-aip.json';
export const AIP_RECORDS_PATH = 'metadata/other/records.jsonl';
