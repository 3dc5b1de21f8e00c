import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { parseSwedishPersonalId } from '@samarkiv/records';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { Action, RequestContext } from '../../platform/context';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { actorOf } from '../domain/actor';
import { HoldScope, LegalHold } from '../domain/hold';
import { holdNotFound, invalidPatient } from '../final-archive.errors';
import { HoldRepository } from '../infrastructure/hold.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Legal holds on a patient, a delivery, an AIP or a record: held records are never destroyed. */
@Injectable()
export class HoldService {
  constructor(
    private readonly holds: HoldRepository,
    private readonly audit: AuditFacade,
  ) {}

  async set(ctx: RequestContext, input: { scope: HoldScope; target: string; reason: string }): Promise<LegalHold> {
    const tenantId = ctx.requireTenant();
    this.requireHoldRight(ctx);
    const target = normalizeTarget(input.scope, input.target);
    const id = randomUUID();
    return this.audit.withAudit(
      ctx,
      { action: AuditAction.Dispose, patient: input.scope === 'patient' ? { id: target } : null, recordIds: input.scope === 'record' ? [target] : [], details: { step: 'hold-set', holdId: id, scope: input.scope } },
      () => this.holds.insert(tenantId, { id, scope: input.scope, target, reason: input.reason, setBy: actorOf(ctx) }),
    );
  }

  async release(ctx: RequestContext, id: string): Promise<LegalHold> {
    const tenantId = ctx.requireTenant();
    this.requireHoldRight(ctx);
    const hold = await this.holds.find(tenantId, id);
    if (!hold) throw holdNotFound();
    await this.audit.withAudit(ctx, { action: AuditAction.Dispose, patient: hold.scope === 'patient' ? { id: hold.target } : null, details: { step: 'hold-released', holdId: id, scope: hold.scope } }, () =>
      this.holds.release(tenantId, id, actorOf(ctx)),
    );
    return (await this.holds.find(tenantId, id))!;
  }

  async list(ctx: RequestContext, includeReleased = false): Promise<LegalHold[]> {
    this.requireHoldRight(ctx);
    return this.holds.list(ctx.requireTenant(), includeReleased);
  }

  /** Region archivists and the authority both set holds; neither needs a particular type. */
  private requireHoldRight(ctx: RequestContext): void {
    if (ctx.informationTypesFor(Action.DisposalPropose).length === 0 && ctx.informationTypesFor(Action.DisposalApprove).length === 0) {
      throw new DomainError('FORBIDDEN', ErrorKind.Forbidden, `Not allowed: ${Action.DisposalPropose}`);
    }
  }
}

export function normalizeTarget(scope: HoldScope, target: string): string {
  if (scope === 'patient') {
    const id = parseSwedishPersonalId(target);
    if (!id) throw invalidPatient();
    return id.id;
  }
  if (!UUID.test(target)) throw new DomainError('INVALID_HOLD_TARGET', ErrorKind.Invalid, `A ${scope} hold names a uuid`);
  return target.toLowerCase();
}
