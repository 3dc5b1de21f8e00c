import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../../platform/context';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { ActorKind, AuditAction, AuditOutcome } from '../domain/audit-action';
import { AuditBody, AuditEntryInput } from '../domain/audit-entry';
import { bodyOf } from '../domain/canonical';
import { normalisePatientId } from '../domain/patient-id';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { invalidEntry, logUnavailable } from '../audit.errors';

const ACTIONS = new Set<string>(Object.values(AuditAction));
const MAX_RECORD_IDS = 10_000;

export interface RecordedEntry {
  tenantId: string | null;
  seq: number;
  time: Date;
  hash: string;
}

/** Writes the access log. Fails closed: when the entry cannot be written, the caller gets an error, not data. */
@Injectable()
export class AuditLogService {
  private readonly logger = new Logger('audit');

  constructor(private readonly log: AuditLogRepository) {}

  async record(ctx: RequestContext, input: AuditEntryInput): Promise<RecordedEntry> {
    const body = buildBody(ctx, input);
    try {
      const written = await this.log.append(bodyOf(body));
      return { tenantId: body.tenantId, ...written };
    } catch (err) {
      // The cause is operational (database down, partition missing); say which without entry content.
      this.logger.error({ correlationId: ctx.correlationId, action: input.action, error: err instanceof Error ? err.name : 'unknown', code: (err as { code?: string }).code }, 'audit append failed');
      throw logUnavailable();
    }
  }

  /**
   * Runs `fn` and logs the access before its result is handed back; if logging fails, the result is
   * dropped and the caller gets AUDIT_LOG_UNAVAILABLE. A refused or failed access is logged too.
   */
  async withAudit<T>(ctx: RequestContext, entry: AuditEntryInput | ((result: T) => AuditEntryInput), fn: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      if (typeof entry !== 'function') {
        const refused = err instanceof DomainError && [ErrorKind.Forbidden, ErrorKind.NotFound, ErrorKind.Unauthenticated].includes(err.kind);
        await this.record(ctx, { ...entry, outcome: refused ? AuditOutcome.Refused : AuditOutcome.Failed });
      }
      throw err;
    }
    await this.record(ctx, typeof entry === 'function' ? entry(result) : entry);
    return result;
  }
}

/** The entry as it will be hashed: the actor from the context, everything else from the caller. */
export function buildBody(ctx: RequestContext, input: AuditEntryInput): AuditBody {
  if (!ACTIONS.has(input.action)) throw invalidEntry('unknown action');
  const recordIds = input.recordIds ?? [];
  if (recordIds.length > MAX_RECORD_IDS) throw invalidEntry(`more than ${MAX_RECORD_IDS} record ids`);
  let patientId: string | null = null;
  if (input.patient) {
    patientId = normalisePatientId(input.patient.id);
    // Never echo the number: it is personal data.
    if (!patientId) throw invalidEntry('patient id is not a personnummer or samordningsnummer');
  }
  const actorPersonalId = input.actor?.personalId ? normalisePatientId(input.actor.personalId) : null;
  const p = ctx.principal;
  const actorKind: ActorKind = p ? p.kind : 'anonymous';
  return {
    v: 1,
    tenantId: input.tenantId !== undefined ? input.tenantId : ctx.tenantId,
    action: input.action,
    outcome: input.outcome ?? AuditOutcome.Success,
    actorKind,
    actorId: p?.id ?? null,
    actorHsaId: p?.hsaId ?? null,
    actorName: p?.displayName ?? null,
    actorRole: input.actor?.role ?? null,
    actorPersonalId,
    // The care unit the person acts in, unless the caller names another.
    careUnitHsaId: input.actor?.careUnitHsaId ?? p?.careUnit?.hsaId ?? null,
    careUnitName: input.actor?.careUnitName ?? (input.actor?.careUnitHsaId ? null : (p?.careUnit?.name ?? null)),
    careProcess: input.actor?.careProcess ?? null,
    sessionId: p?.sessionId ?? null,
    clientAddress: ctx.clientAddress ?? null,
    informationTypeId: input.informationTypeId ?? null,
    patientId,
    patientName: input.patient?.name ?? null,
    protectedIdentity: input.patient?.protectedIdentity ?? false,
    recordIds: recordIds.map(String),
    searchCriteria: input.searchCriteria ?? null,
    details: input.details ?? null,
    correlationId: ctx.correlationId,
  };
}
