import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context';
import { ApiClientService, ApiClientView, CreateApiClientInput } from './application/api-client.service';
import { AuthEvent, AuthEvents } from './application/auth-events';
import { IdentityProviderInput, IdentityProviderService, IdentityProviderView } from './application/identity-provider.service';

export type { ApiClientView, CreateApiClientInput, IdentityProviderInput, IdentityProviderView, AuthEvent };

/** The auth module's public surface: API-client and IdP administration, and the event sink. */
@Injectable()
export class AuthFacade {
  constructor(
    private readonly clients: ApiClientService,
    private readonly idps: IdentityProviderService,
    private readonly events: AuthEvents,
  ) {}

  createApiClient(ctx: RequestContext, tenantId: string, input: CreateApiClientInput) {
    return this.clients.create(ctx, tenantId, input);
  }

  listApiClients(ctx: RequestContext, tenantId: string) {
    return this.clients.list(ctx, tenantId);
  }

  rotateApiClient(ctx: RequestContext, tenantId: string, id: string, expiresInDays?: number) {
    return this.clients.rotate(ctx, tenantId, id, expiresInDays);
  }

  revokeApiClient(ctx: RequestContext, tenantId: string, id: string) {
    return this.clients.revoke(ctx, tenantId, id);
  }

  getIdentityProvider(ctx: RequestContext, tenantId: string) {
    return this.idps.get(ctx, tenantId);
  }

  setIdentityProvider(ctx: RequestContext, tenantId: string, input: IdentityProviderInput) {
    return this.idps.set(ctx, tenantId, input);
  }

  /** An extra observer of security events (they always go to the audit log). */
  setEventSink(sink: (ctx: RequestContext, event: AuthEvent) => Promise<void>): void {
    this.events.sink = sink;
  }
}
