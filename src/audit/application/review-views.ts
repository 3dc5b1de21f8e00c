import { AuditEntry } from '../domain/audit-entry';
import { ReviewFlag } from '../domain/review-flags';

/** An entry as a reviewer sees it: who, when, where from, what; no hashes, no session ids. */
export interface ReviewEntryView {
  seq: number;
  time: string;
  action: string;
  outcome: string;
  actor: { kind: string; id: string | null; hsaId: string | null; name: string | null; role: string | null };
  careUnit: { hsaId: string | null; name: string | null; process: string | null };
  informationTypeId: string | null;
  patientId: string | null;
  recordIds: string[];
  flags?: ReviewFlag[];
}

export function toReviewView(e: AuditEntry, flags?: ReviewFlag[]): ReviewEntryView {
  return {
    seq: e.seq,
    time: e.time.toISOString(),
    action: e.action,
    outcome: e.outcome,
    actor: { kind: e.actorKind, id: e.actorId, hsaId: e.actorHsaId, name: e.actorName, role: e.actorRole },
    careUnit: { hsaId: e.careUnitHsaId, name: e.careUnitName, process: e.careProcess },
    informationTypeId: e.informationTypeId,
    patientId: e.patientId,
    recordIds: e.recordIds,
    ...(flags ? { flags } : {}),
  };
}

export interface PatientExtract {
  tenantId: string;
  patientId: string;
  from: string;
  to: string;
  generatedAt: string;
  truncated: boolean;
  entries: ReviewEntryView[];
}

export interface SampleView {
  id: string;
  tenantId: string;
  informationTypeId: string;
  from: string;
  to: string;
  size: number;
  createdBy: string;
  createdAt: string;
  signedOffBy: string | null;
  signedOffAt: string | null;
  conclusion: string | null;
  items?: Array<{ entry: ReviewEntryView | null; seq: number; note: string | null; notedBy: string | null; notedAt: string | null }>;
}
