import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { correlationIdOf } from './correlation-id';
import { RequestContext } from './request-context';
import type { ContextualRequest } from './request-context.middleware';

/** Injects the request context built by RequestContextMiddleware. */
export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext => {
  const req = host.switchToHttp().getRequest<ContextualRequest>();
  req.context ??= new RequestContext(correlationIdOf(req), req.principal ?? null, req.ip);
  return req.context;
});
