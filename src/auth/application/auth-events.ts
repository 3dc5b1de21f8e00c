import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../../platform/context';

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

/**
 * Security events of the auth module. They go to the structured log here; the audit module's
 * tamper-evident log receives them through `AuthEvents.sink` once it is wired in.
 */
@Injectable()
export class AuthEvents {
  private readonly logger = new Logger('auth');
  sink?: (ctx: RequestContext, event: AuthEvent) => Promise<void>;

  async record(ctx: RequestContext, event: AuthEvent): Promise<void> {
    this.logger.log({ correlationId: ctx.correlationId, action: event.action, tenantId: event.tenantId, outcome: event.outcome, reason: event.reason }, 'auth event');
    if (this.sink) await this.sink(ctx, event);
  }
}
