import { Injectable, Logger } from '@nestjs/common';
import { AccessRefusal, AccessRefusalRecorder, RequestContext } from '../../platform/context';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';

/**
 * A caller of tenant A asked for tenant B's resources (answered 404). Logged in the caller's own
 * chain, where that region reviews its people; B is named only by id.
 */
@Injectable()
export class CrossTenantRefusalRecorder extends AccessRefusalRecorder {
  private readonly logger = new Logger('auth');

  constructor(private readonly audit: AuditFacade) {
    super();
  }

  async record(ctx: RequestContext, refusal: AccessRefusal): Promise<void> {
    this.logger.warn({ correlationId: ctx.correlationId, tenantId: ctx.tenantId, targetTenantId: refusal.targetTenantId }, 'cross-tenant access refused');
    await this.audit.record(ctx, {
      action: AuditAction.AccessRefused,
      outcome: AuditOutcome.Refused,
      tenantId: ctx.tenantId,
      details: { targetTenantId: refusal.targetTenantId, route: refusal.route, method: refusal.method },
    });
  }
}
