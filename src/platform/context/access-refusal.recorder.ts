import { RequestContext } from './request-context';

export interface AccessRefusal {
  /** The tenant whose resource was asked for. */
  targetTenantId: string;
  /** Route pattern (never the concrete URL: it may carry identifiers). */
  route: string;
  method: string;
}

/**
 * Port: records a caller reaching into another tenant. The auth module writes it to the audit
 * log; the guard awaits it, so an attempt that cannot be logged is not answered either.
 */
export abstract class AccessRefusalRecorder {
  abstract record(ctx: RequestContext, refusal: AccessRefusal): Promise<void>;
}
