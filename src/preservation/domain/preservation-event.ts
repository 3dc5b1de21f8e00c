/**
 * PREMIS 3 event types we record (Library of Congress vocabulary,
 * http://id.loc.gov/vocabulary/preservation/eventType).
 */
export enum PremisEventType {
  Ingestion = 'ingestion',
  MessageDigestCalculation = 'message digest calculation',
  FixityCheck = 'fixity check',
  Replication = 'replication',
  Validation = 'validation',
  MetadataModification = 'metadata modification',
  Migration = 'migration',
  Deletion = 'deletion',
  Transfer = 'transfer',
}

export type PremisOutcome = 'success' | 'failure' | 'warning';

/** What other modules record through the facade; the catalogue adds tenant, object and time. */
export interface PreservationEventInput {
  type: PremisEventType | string;
  outcome: PremisOutcome;
  /** Human-readable, without patient data (names, personal identity numbers). */
  detail: string;
  /** Machine-readable outcome detail (counts, finding kinds, digests); no patient data. */
  outcomeDetail?: Record<string, unknown>;
  location?: string;
  agent?: { name: string; address?: string };
  at?: Date;
}

export interface PreservationEvent extends Required<Pick<PreservationEventInput, 'type' | 'outcome' | 'detail'>> {
  id: string;
  tenantId: string;
  objectId: string;
  at: Date;
  outcomeDetail: Record<string, unknown> | null;
  location: string | null;
  agent: { name: string; address: string | null };
}

/** The agent of events Samarkiv itself performs. */
export const SYSTEM_AGENT = { name: 'Samarkiv', address: 'urn:samarkiv:system' };
