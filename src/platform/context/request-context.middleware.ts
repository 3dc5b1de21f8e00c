import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_HEADER, correlationIdOf } from './correlation-id';
import { RequestContext } from './request-context';
import { Principal } from './access';

export type ContextualRequest = Request & { principal?: Principal; context?: RequestContext };

/**
 * Runs after authentication middleware (which sets `req.principal`) and builds the one request
 * context that controllers hand to services.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: ContextualRequest, res: Response, next: NextFunction): void {
    const correlationId = correlationIdOf(req);
    res.setHeader(CORRELATION_HEADER, correlationId);
    req.context = new RequestContext(correlationId, req.principal ?? null, req.ip);
    next();
  }
}
