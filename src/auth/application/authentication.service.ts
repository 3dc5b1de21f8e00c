import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Principal, PrincipalResolver } from '../../platform/context';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { fingerprint } from '../infrastructure/secret-hasher';
import { ApiClientService } from './api-client.service';
import { SESSION_COOKIE, SessionData, SessionService } from './session.service';

type CookieRequest = IncomingMessage & { cookies?: Record<string, string>; session?: SessionData; sessionId?: string };

/**
 * Resolves the caller of each request: a bearer token (API client) or a session cookie (person).
 * The account and its grants come from the tenancy module's cache, which the database empties on
 * every committed change, so a revoked grant or a disabled account stops at once.
 */
@Injectable()
export class AuthenticationService extends PrincipalResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly clients: ApiClientService,
    private readonly tenancy: TenancyFacade,
  ) {
    super();
  }

  async resolve(req: CookieRequest): Promise<Principal | null> {
    const authorization = req.headers.authorization;
    if (authorization?.startsWith('Bearer ')) return this.clients.authenticate(authorization.slice(7).trim());
    const sid = req.cookies?.[SESSION_COOKIE];
    const session = await this.sessions.get(sid);
    if (!session) return null;
    const access = await this.tenancy.principalAccess(session.tenantId, session.userId);
    if (!access || access.user.disabled) return null;
    const { user } = access;
    req.session = session;
    req.sessionId = sid;
    return {
      kind: 'user',
      id: user.id,
      tenantId: user.tenantId,
      displayName: user.displayName,
      hsaId: user.hsaId ?? undefined,
      careUnit: session.careUnit,
      sessionId: fingerprint(sid!).slice(0, 16),
      grants: access.grants,
    };
  }
}
