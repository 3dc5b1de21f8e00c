import { ActorKind, AuditAction, AuditOutcome } from './audit-action';

/** What a module tells the log about one access; the actor comes from the request context. */
export interface AuditEntryInput {
  action: AuditAction;
  outcome?: AuditOutcome;
  /** Defaults to the caller's tenant; null (central chain) for operator actions. */
  tenantId?: string | null;
  informationTypeId?: string | null;
  /**
   * Where patient data is touched: personnummer / samordningsnummer (normalised to 12 digits), or
   * another id with its issuer OID (logged as "<issuer>|<id>").
   */
  patient?: { id: string; issuer?: string | null; name?: string | null; protectedIdentity?: boolean } | null;
  recordIds?: string[];
  searchCriteria?: Record<string, unknown> | null;
  /** Safe, non-personal facts about the action (e.g. which setting changed). */
  details?: Record<string, unknown> | null;
  /** What the authentication layer knows beyond the principal: role used, care unit, process. */
  actor?: {
    role?: string | null;
    personalId?: string | null;
    careUnitHsaId?: string | null;
    careUnitName?: string | null;
    careProcess?: string | null;
  };
}

/**
 * The hashed content of one entry: every column except time, seq and the hashes. All keys are
 * always present (null when unknown) so that the canonical encoding has one form.
 */
export interface AuditBody {
  v: 1;
  tenantId: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  actorKind: ActorKind;
  actorId: string | null;
  actorHsaId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorPersonalId: string | null;
  careUnitHsaId: string | null;
  careUnitName: string | null;
  careProcess: string | null;
  sessionId: string | null;
  clientAddress: string | null;
  informationTypeId: string | null;
  patientId: string | null;
  patientName: string | null;
  protectedIdentity: boolean;
  recordIds: string[];
  searchCriteria: Record<string, unknown> | null;
  details: Record<string, unknown> | null;
  correlationId: string;
}

/** One stored entry: its body plus the chain fields the database assigned. */
export interface AuditEntry extends AuditBody {
  seq: number;
  time: Date;
  prevHash: string;
  hash: string;
}
