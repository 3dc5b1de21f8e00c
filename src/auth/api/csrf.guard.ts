import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { csrfFailed } from '../auth.errors';
import type { SessionData } from '../application/session.service';

export const SKIP_CSRF = Symbol('samarkiv:skip-csrf');
/** For endpoints protected otherwise (the SAML ACS: signature and InResponseTo). */
export const SkipCsrf = () => SetMetadata(SKIP_CSRF, true);

export const CSRF_COOKIE = 'samarkiv.csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i;

type SessionRequest = Request & { session?: SessionData };

function same(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every state-changing request that a browser could be tricked into sending carries a token:
 * with a session, the session's token (header or `_csrf` field); without one, a form post must
 * repeat the `samarkiv.csrf` cookie (double submit). Bearer-token requests are not sent by browsers
 * on their own and need none; JSON bodies cannot be sent cross-site without a CORS preflight.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(host: ExecutionContext): boolean {
    if (host.getType() !== 'http') return true;
    const req = host.switchToHttp().getRequest<SessionRequest>();
    if (SAFE_METHODS.has(req.method)) return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP_CSRF, [host.getHandler(), host.getClass()])) return true;
    if (req.headers.authorization?.startsWith('Bearer ')) return true;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const sent = (req.headers[CSRF_HEADER] as string | undefined) ?? (typeof body._csrf === 'string' ? body._csrf : undefined);
    if (req.session) {
      if (!same(sent, req.session.csrf)) throw csrfFailed();
      return true;
    }
    const isForm = FORM_TYPES.test(req.headers['content-type'] ?? '');
    if (isForm && !same(sent, (req as Request & { cookies?: Record<string, string> }).cookies?.[CSRF_COOKIE])) throw csrfFailed();
    return true;
  }
}
