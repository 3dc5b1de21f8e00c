import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorKind, NotFoundError } from '../errors/domain.error';
import { correlationIdOf } from './correlation-id';
import { RequestContext } from './request-context';
import type { ContextualRequest } from './request-context.middleware';
import { PUBLIC, REQUIRES, Requirement } from './requires.decorator';
import { AccessRefusalRecorder } from './access-refusal.recorder';

/**
 * Deny by default: an endpoint is open only when marked @Public; otherwise it needs a principal,
 * and with @Requires the declared action in the route's tenant and information type.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Optional() private readonly refusals?: AccessRefusalRecorder,
  ) {}

  async canActivate(host: ExecutionContext): Promise<boolean> {
    if (host.getType() !== 'http') return true;
    const targets = [host.getHandler(), host.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = host.switchToHttp().getRequest<ContextualRequest>();
    const ctx = (req.context ??= new RequestContext(correlationIdOf(req), req.principal ?? null, req.ip));
    ctx.requirePrincipal();
    const params = (req.params ?? {}) as Record<string, string>;
    const routeTenant = params.tenantId;
    // Another tenant's resources do not exist for this caller: 404, not 403.
    if (routeTenant !== undefined && routeTenant !== ctx.tenantId && !ctx.isOperator()) {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unknown';
      await this.refusals?.record(ctx, { targetTenantId: routeTenant, route, method: req.method });
      throw new NotFoundError('NOT_FOUND');
    }
    const need = this.reflector.getAllAndOverride<Requirement | undefined>(REQUIRES, targets);
    if (!need) return true;
    const tenantId = routeTenant ?? ctx.tenantId ?? undefined;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const informationTypeId = need.informationTypeFrom?.param
      ? params[need.informationTypeFrom.param]
      : need.informationTypeFrom?.body
        ? (body[need.informationTypeFrom.body] as string | undefined)
        : undefined;
    if (!ctx.can(need.action, { tenantId, informationTypeId, tier: need.tier })) {
      throw new DomainError('FORBIDDEN', ErrorKind.Forbidden, `Not allowed: ${need.action}`);
    }
    return true;
  }
}
