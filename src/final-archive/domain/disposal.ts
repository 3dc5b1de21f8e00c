export type DisposalKind = 'retention' | 'journal';
export type DisposalStatus = 'proposed' | 'approved' | 'refused' | 'executing' | 'executed' | 'stopped';

export interface DisposalItem {
  aipId: string;
  objectId: string;
  deliveryId: string;
  informationTypeId: string;
  sourceSystem: string;
  /** The whole AIP, or only some of its records (journal destruction of one patient). */
  scope: 'aip' | 'records';
  recordIds: string[];
  records: number;
  bytes: number;
  firstDate: string | null;
  lastDate: string | null;
  status: 'pending' | 'destroyed';
  /**
   * How far an execution got with this item (it resumes from here): the index rows are gone
   * (`unindexed`), every stored copy is gone (`storage-destroyed`); null before it started.
   */
  step: 'unindexed' | 'storage-destroyed' | null;
  /** The storage locations the item's copies were destroyed in (once known). */
  locations: string[] | null;
  destroyedAt: string | null;
}

export interface Disposal {
  id: string;
  kind: DisposalKind;
  status: DisposalStatus;
  note: string | null;
  proposedBy: { id: string; name: string | null };
  proposedAt: string;
  decisionReference: string | null;
  decidedBy: { id: string; name: string | null } | null;
  decidedAt: string | null;
  executedAt: string | null;
  /** Who asked for the execution (the job acts for them). */
  executedBy: { id: string; name: string | null } | null;
  executionStartedAt: string | null;
  stopReason: string | null;
  report: DestructionReport | null;
}

/** What a destruction report states (no content, no patient identity). */
export interface DestructionReport {
  disposalId: string;
  tenantId: string;
  kind: DisposalKind;
  decisionReference: string;
  decidedBy: { id: string; name: string | null };
  decidedAt: string;
  executedBy: { id: string; name: string | null };
  executedAt: string;
  items: Array<{
    aipId: string;
    objectId: string;
    deliveryId: string;
    informationTypeId: string;
    sourceSystem: string;
    scope: 'aip' | 'records';
    records: number;
    bytes: number;
    firstDate: string | null;
    lastDate: string | null;
    locations: string[];
  }>;
  totals: { aips: number; records: number; bytes: number };
  /** Set when a legal hold stopped the execution part way: the report covers what was destroyed before. */
  stopped?: { reason: string; notDestroyed: number };
}

export interface Tombstone {
  id: string;
  disposalId: string;
  aipId: string;
  objectId: string;
  deliveryId: string;
  informationTypeId: string;
  sourceSystem: string;
  scope: 'aip' | 'records';
  records: number;
  bytes: number;
  firstDate: string | null;
  lastDate: string | null;
  decisionReference: string;
  destroyedAt: string;
  destroyedBy: { id: string; name: string | null };
  locations: string[];
}
