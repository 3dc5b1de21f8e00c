import type { FieldValue } from '@samarkiv/records';

/** One record as the index stores and returns it. */
export interface IndexedRecord {
  id: string;
  tenantId: string;
  informationTypeId: string;
  tier: 'intermediate' | 'final';
  aipId: string;
  deliveryId: string;
  sourceSystem: string;
  sourceRecordId: string;
  sourceFile: string;
  patientId: string | null;
  patientIssuer: string | null;
  recordDate: Date | null;
  unit: string | null;
  fields: Record<string, FieldValue>;
  attachments: string[];
}

/** What the index writes for one record: the stored record plus the derived search columns. */
export interface IndexRow extends Omit<IndexedRecord, 'recordDate' | 'unit'> {
  recordDate: string;
  unit: string;
  keys: [string, string, string];
  num: string;
  terms: string[];
  names: string;
  body: string;
  /** Text for the full-text vector: weight A (titles, names, short fields) and D (the body). */
  weightedText: { a: string; d: string };
}
