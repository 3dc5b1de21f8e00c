import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isSwedishIdIssuer, normalisePatientIdentifier, parseSwedishPersonalId } from '@samarkiv/records';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { Action, RequestContext } from '../../platform/context';
import { RecordBlock } from '../domain/record-block';
import { RecordBlockRepository } from '../infrastructure/record-block.repository';
import { blockExists, blockNotFound, invalidBlock } from '../search.errors';
import { auditPatient } from './audit-patient';

export interface RecordBlockInput {
  careUnit: string;
  /** Omitted: the whole care unit. */
  patientId?: string;
  /** The id's issuer OID; needed for any id that is not a personnummer or samordningsnummer. */
  patientIssuer?: string;
  reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Spärr, set and lifted by the tenant administrator or an archivist of the tenant. Each change is
 * logged as a block action, with the patient where one is named (the patient's extract shows it).
 */
@Injectable()
export class RecordBlockService {
  constructor(
    private readonly blocks: RecordBlockRepository,
    private readonly audit: AuditFacade,
  ) {}

  /** Who is blocked where is patient data: every listing is logged (with the patient when one was asked for) before it is returned. */
  async list(ctx: RequestContext, where: { careUnit?: string; patientId?: string } = {}): Promise<RecordBlock[]> {
    const tenantId = this.authorize(ctx);
    const patientId = where.patientId ? (parseSwedishPersonalId(where.patientId)?.id ?? where.patientId.trim()) : undefined;
    const careUnit = where.careUnit?.trim() || undefined;
    const found = await this.blocks.list(tenantId, { careUnit, patientId });
    const who = patientId ? auditPatient(patientId, found.find((b) => b.patient?.id === patientId)?.patient?.issuer ?? null) : { patient: null, details: {} };
    await this.audit.record(ctx, {
      action: AuditAction.Block,
      patient: who.patient,
      details: { operation: 'listed', careUnit: careUnit ?? null, blocks: found.length, patients: new Set(found.map((b) => b.patient?.id).filter(Boolean)).size, ...who.details },
    });
    return found;
  }

  async create(ctx: RequestContext, input: RecordBlockInput): Promise<RecordBlock> {
    const tenantId = this.authorize(ctx);
    const careUnit = input.careUnit.trim();
    const reason = input.reason.trim();
    if (!careUnit) throw invalidBlock('careUnit', 'must name the care unit');
    if (!reason) throw invalidBlock('reason', 'must give the reason');
    const patient = input.patientId === undefined ? null : blockPatient(input.patientId, input.patientIssuer);
    const principal = ctx.requirePrincipal();
    const saved = await this.blocks.insert(tenantId, { id: randomUUID(), patient, careUnit, reason, setBy: principal.id, setByName: principal.displayName ?? null });
    if (!saved) throw blockExists();
    await this.audit.record(ctx, this.entry(saved, 'set'));
    return saved;
  }

  async remove(ctx: RequestContext, id: string): Promise<RecordBlock> {
    const tenantId = this.authorize(ctx);
    const removed = UUID.test(id) ? await this.blocks.remove(tenantId, id) : null;
    if (!removed) throw blockNotFound();
    await this.audit.record(ctx, this.entry(removed, 'lifted'));
    return removed;
  }

  private authorize(ctx: RequestContext): string {
    const tenantId = ctx.requireTenant();
    ctx.requireAction(Action.RecordBlockManage, { tenantId });
    return tenantId;
  }

  /** The reason stays out of the log (free text may carry health information). */
  private entry(b: RecordBlock, operation: 'set' | 'lifted') {
    const who = b.patient ? auditPatient(b.patient.id, b.patient.issuer) : { patient: null, details: {} };
    return {
      action: AuditAction.Block,
      patient: who.patient,
      details: { operation, blockId: b.id, careUnit: b.careUnit, scope: b.patient ? 'patient' : 'care-unit', ...who.details },
    };
  }
}

/** Swedish numbers in their 12-digit form (any issuer matches); other ids as given, with their issuer. */
function blockPatient(rawId: string, rawIssuer: string | undefined): { id: string; issuer: string | null } {
  const id = rawId.trim();
  const issuer = rawIssuer?.trim() || null;
  if (!id) throw invalidBlock('patientId', 'must not be empty');
  const { patient, invalid } = normalisePatientIdentifier(id, issuer);
  if (invalid) throw invalidBlock('patientId', 'is not a valid number for its issuer');
  if (isSwedishIdIssuer(patient.issuer)) return { id: patient.id, issuer: null };
  if (!patient.issuer) throw invalidBlock('patientIssuer', 'is needed for an id that is not a personnummer or samordningsnummer');
  return { id: patient.id, issuer: patient.issuer };
}
