import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { authConfig } from '../../platform/config/settings';
import { ApiScope, Principal, RequestContext, Role } from '../../platform/context';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { ApiClientEntity } from '../domain/api-client.entity';
import { ApiClientRepository } from '../infrastructure/api-client.repository';
import { fingerprint, hashSecret, newToken, parseToken, verifySecret } from '../infrastructure/secret-hasher';
import { apiClientExists, apiClientNotFound, invalidApiClient, invalidToken } from '../auth.errors';
import { AuthEvents } from './auth-events';

export interface CreateApiClientInput {
  name: string;
  scopes: string[];
  informationTypes: string[];
  expiresInDays?: number;
}

export interface ApiClientView {
  id: string;
  tenantId: string;
  name: string;
  scopes: string[];
  informationTypes: string[];
  expiresAt: string;
  revokedAt: string | null;
  previousValidUntil: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

const SCOPES = new Set<string>(Object.values(ApiScope));
/** Verified tokens skip scrypt for a short while; the row is still read on every request. */
const VERIFIED_TTL_MS = 60_000;

@Injectable()
export class ApiClientService {
  private readonly verified = new Map<string, { hash: string; at: number }>();

  constructor(
    private readonly clients: ApiClientRepository,
    private readonly tenancy: TenancyFacade,
    private readonly events: AuthEvents,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async create(ctx: RequestContext, tenantId: string, input: CreateApiClientInput): Promise<{ client: ApiClientView; token: string }> {
    await this.requireAdmin(ctx, tenantId);
    const scopes = [...new Set(input.scopes)];
    const bad = scopes.filter((s) => !SCOPES.has(s));
    if (scopes.length === 0 || bad.length > 0) throw invalidApiClient(`scopes must be some of ${[...SCOPES].join(', ')}${bad.length ? ` (not ${bad.join(', ')})` : ''}`);
    const tenant = await this.tenancy.getTenant(ctx, tenantId);
    const types = [...new Set(input.informationTypes)];
    const missing = types.filter((t) => !tenant.informationTypes.includes(t));
    if (types.length === 0 || missing.length > 0) throw invalidApiClient(`information types must be enabled for the region${missing.length ? ` (not ${missing.join(', ')})` : ''}`);
    if (!/^[\p{L}\p{N} ._-]{1,100}$/u.test(input.name)) throw invalidApiClient('name must be 1-100 letters, digits, spaces, dots, dashes or underscores');
    if (await this.clients.findByName(tenantId, input.name)) throw apiClientExists(input.name);
    const placeholder = await this.clients.insert({
      tenantId,
      name: input.name,
      scopes,
      informationTypes: types,
      secretHash: 'pending',
      expiresAt: this.expiry(input.expiresInDays),
      createdBy: ctx.principal?.id ?? null,
    });
    const { token, secret } = newToken(placeholder.id);
    await this.clients.update(tenantId, placeholder.id, { secretHash: await hashSecret(secret) });
    await this.events.record(ctx, { action: 'api-client-change', tenantId, outcome: 'success', details: { change: 'create', clientId: placeholder.id, scopes, informationTypes: types } });
    return { client: view((await this.clients.find(tenantId, placeholder.id))!), token };
  }

  async list(ctx: RequestContext, tenantId: string): Promise<ApiClientView[]> {
    await this.requireAdmin(ctx, tenantId);
    return (await this.clients.list(tenantId)).map(view);
  }

  async get(ctx: RequestContext, tenantId: string, id: string): Promise<ApiClientView> {
    await this.requireAdmin(ctx, tenantId);
    return view(await this.load(tenantId, id));
  }

  /** A new secret; the previous one keeps working for the configured overlap. */
  async rotate(ctx: RequestContext, tenantId: string, id: string, expiresInDays?: number): Promise<{ client: ApiClientView; token: string }> {
    await this.requireAdmin(ctx, tenantId);
    const client = await this.load(tenantId, id);
    if (client.revokedAt) throw invalidApiClient('a revoked client cannot be rotated');
    const { token, secret } = newToken(client.id);
    await this.clients.update(tenantId, id, {
      previousSecretHash: client.secretHash,
      previousValidUntil: new Date(Date.now() + this.config.rotationOverlapMs),
      secretHash: await hashSecret(secret),
      expiresAt: this.expiry(expiresInDays),
      rotatedAt: new Date(),
    });
    await this.events.record(ctx, { action: 'api-client-change', tenantId, outcome: 'success', details: { change: 'rotate', clientId: id } });
    return { client: view(await this.load(tenantId, id)), token };
  }

  /** Effective at once: the row is read on every request. */
  async revoke(ctx: RequestContext, tenantId: string, id: string): Promise<ApiClientView> {
    await this.requireAdmin(ctx, tenantId);
    const client = await this.load(tenantId, id);
    if (!client.revokedAt) {
      await this.clients.update(tenantId, id, { revokedAt: new Date(), previousSecretHash: null, previousValidUntil: null });
      await this.events.record(ctx, { action: 'api-client-change', tenantId, outcome: 'success', details: { change: 'revoke', clientId: id } });
    }
    return view(await this.load(tenantId, id));
  }

  /** Bearer token → principal, or an invalid-token error (never a hint which part was wrong). */
  async authenticate(token: string): Promise<Principal> {
    const parsed = parseToken(token);
    if (!parsed) throw invalidToken();
    const client = await this.clients.findByIdForAuthentication(parsed.clientId);
    const now = Date.now();
    if (!client || client.revokedAt || client.expiresAt.getTime() <= now) throw invalidToken();
    const candidates = [client.secretHash];
    if (client.previousSecretHash && client.previousValidUntil && client.previousValidUntil.getTime() > now) candidates.push(client.previousSecretHash);
    if (!(await this.matches(token, parsed.secret, candidates))) throw invalidToken();
    void this.clients.touch(client.id).catch(() => undefined);
    return {
      kind: 'api-client',
      id: client.id,
      tenantId: client.tenantId,
      displayName: client.name,
      grants: [],
      apiClient: { scopes: client.scopes, informationTypes: client.informationTypes },
    };
  }

  private async matches(token: string, secret: string, hashes: string[]): Promise<boolean> {
    const key = fingerprint(token);
    const hit = this.verified.get(key);
    if (hit && Date.now() - hit.at < VERIFIED_TTL_MS && hashes.includes(hit.hash)) return true;
    for (const hash of hashes) {
      if (await verifySecret(secret, hash)) {
        if (this.verified.size > 10_000) this.verified.clear();
        this.verified.set(key, { hash, at: Date.now() });
        return true;
      }
    }
    return false;
  }

  private async load(tenantId: string, id: string): Promise<ApiClientEntity> {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw apiClientNotFound();
    const client = await this.clients.find(tenantId, id);
    if (!client) throw apiClientNotFound();
    return client;
  }

  private async requireAdmin(ctx: RequestContext, tenantId: string): Promise<void> {
    ctx.requirePrincipal();
    if (ctx.isOperator()) return;
    if (ctx.tenantId !== tenantId) throw apiClientNotFound();
    ctx.require(Role.TenantAdmin, { tenantId });
  }

  private expiry(days?: number): Date {
    return new Date(Date.now() + (days ?? this.config.apiClientTtlDays) * 24 * 3600 * 1000);
  }
}

function view(c: ApiClientEntity): ApiClientView {
  return {
    id: c.id,
    tenantId: c.tenantId,
    name: c.name,
    scopes: c.scopes,
    informationTypes: c.informationTypes,
    expiresAt: c.expiresAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    previousValidUntil: c.previousValidUntil?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
  };
}
