import { Injectable, NestMiddleware, Optional } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_HEADER, correlationIdOf } from './correlation-id';
import { RequestContext } from './request-context';
import { Principal } from './access';
import { PrincipalResolver } from './principal-resolver';
import { runInTenantScope } from '../database/tenant-scope';

export type ContextualRequest = Request & { principal?: Principal; context?: RequestContext };

/** Resolves the caller once and builds the one request context that controllers hand to services. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  constructor(@Optional() private readonly resolver?: PrincipalResolver) {}

  use(req: ContextualRequest, res: Response, next: NextFunction): void {
    const correlationId = correlationIdOf(req);
    res.setHeader(CORRELATION_HEADER, correlationId);
    const resolve = this.resolver ? this.resolver.resolve(req) : Promise.resolve(null);
    resolve.then(
      (principal) => {
        req.principal = principal ?? undefined;
        req.context = new RequestContext(correlationId, principal, req.ip);
        // The rest of the request runs in the caller's tenant scope (row-level security).
        runInTenantScope(principal?.tenantId, next);
      },
      (err: unknown) => next(err),
    );
  }
}
