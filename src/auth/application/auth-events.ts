import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../../platform/context';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';

export type AuthEventAction = 'login' | 'login-refused' | 'logout' | 'api-client-change' | 'config-change';

export interface AuthEvent {
  action: AuthEventAction;
  tenantId: string | null;
  outcome: 'success' | 'refused' | 'failure';
  reason?: string;
  userId?: string;
  subject?: string;
  details?: Record<string, unknown>;
}

const ACTIONS: Record<AuthEventAction, AuditAction> = {
  login: AuditAction.Login,
  'login-refused': AuditAction.LoginRefused,
  logout: AuditAction.Logout,
  'api-client-change': AuditAction.ConfigChange,
  'config-change': AuditAction.ConfigChange,
};

const OUTCOMES: Record<AuthEvent['outcome'], AuditOutcome> = {
  success: AuditOutcome.Success,
  refused: AuditOutcome.Refused,
  failure: AuditOutcome.Failed,
};

/**
 * Security events of the auth module, written to the tamper-evident audit log (awaited: a login
 * that cannot be logged does not happen) and to the structured log. Tests may observe them
 * through `sink`.
 */
@Injectable()
export class AuthEvents {
  private readonly logger = new Logger('auth');
  sink?: (ctx: RequestContext, event: AuthEvent) => Promise<void>;

  constructor(private readonly audit: AuditFacade) {}

  async record(ctx: RequestContext, event: AuthEvent): Promise<void> {
    this.logger.log({ correlationId: ctx.correlationId, action: event.action, tenantId: event.tenantId, outcome: event.outcome, reason: event.reason }, 'auth event');
    await this.audit.record(ctx, {
      action: ACTIONS[event.action],
      outcome: OUTCOMES[event.outcome],
      tenantId: event.tenantId,
      details: {
        event: event.action,
        ...(event.reason ? { reason: event.reason } : {}),
        ...(event.userId ? { userId: event.userId } : {}),
        ...(event.details ?? {}),
      },
    });
    if (this.sink) await this.sink(ctx, event);
  }
}
