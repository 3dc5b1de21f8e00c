import { Injectable } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { RequestContext, Role } from '../../platform/context';
import { AttributeMap, DEFAULT_ATTRIBUTE_MAP, IdentityProviderEntity } from '../domain/identity-provider.entity';
import { IdentityProviderRepository } from '../infrastructure/identity-provider.repository';
import { MetadataError, parseIdpMetadata } from '../infrastructure/idp-metadata.parser';
import { idpNotConfigured, invalidIdentityProvider } from '../auth.errors';
import { AuthEvents } from './auth-events';

export interface IdentityProviderInput {
  metadataXml?: string;
  metadataUrl?: string;
  entityId?: string;
  ssoUrl?: string;
  sloUrl?: string;
  certificates?: string[];
  attributeMap?: Partial<AttributeMap>;
  wantEncryptedAssertions?: boolean;
}

export type IdentityProviderView = Omit<IdentityProviderEntity, 'metadataXml' | 'updatedAt'> & { updatedAt: string; certificateExpiry: string[] };

const MAX_METADATA_BYTES = 2_000_000;

/** A tenant administrator's settings for the region's identity provider. */
@Injectable()
export class IdentityProviderService {
  constructor(
    private readonly idps: IdentityProviderRepository,
    private readonly events: AuthEvents,
  ) {}

  async get(ctx: RequestContext, tenantId: string): Promise<IdentityProviderView> {
    this.requireAdmin(ctx, tenantId);
    const idp = await this.idps.find(tenantId);
    if (!idp) throw idpNotConfigured();
    return view(idp);
  }

  async set(ctx: RequestContext, tenantId: string, input: IdentityProviderInput): Promise<IdentityProviderView> {
    this.requireAdmin(ctx, tenantId);
    let fields: { entityId: string; ssoUrl: string; sloUrl: string | null; certificates: string[] };
    let metadataXml: string | null = null;
    try {
      if (input.metadataXml || input.metadataUrl) {
        metadataXml = input.metadataXml ?? (await fetchMetadata(input.metadataUrl!));
        fields = parseIdpMetadata(metadataXml);
      } else {
        fields = { entityId: input.entityId!, ssoUrl: input.ssoUrl!, sloUrl: input.sloUrl ?? null, certificates: input.certificates! };
      }
    } catch (err) {
      if (err instanceof MetadataError) throw invalidIdentityProvider(err.message);
      throw err;
    }
    if (input.sloUrl) fields.sloUrl = input.sloUrl;
    for (const pem of fields.certificates) {
      try {
        new X509Certificate(pem);
      } catch {
        throw invalidIdentityProvider('a certificate is not a valid PEM X.509 certificate');
      }
    }
    const attributeMap = { ...DEFAULT_ATTRIBUTE_MAP, ...(input.attributeMap ?? {}) };
    const saved = await this.idps.upsert({
      tenantId,
      ...fields,
      metadataXml,
      metadataUrl: input.metadataUrl ?? null,
      attributeMap,
      wantEncryptedAssertions: input.wantEncryptedAssertions ?? false,
      updatedBy: ctx.principal?.id ?? null,
    });
    await this.events.record(ctx, { action: 'config-change', tenantId, outcome: 'success', details: { what: 'identity-provider', entityId: saved.entityId } });
    return view(saved);
  }

  private requireAdmin(ctx: RequestContext, tenantId: string): void {
    ctx.requirePrincipal();
    if (ctx.isOperator()) return;
    if (ctx.tenantId !== tenantId) throw idpNotConfigured();
    ctx.require(Role.TenantAdmin, { tenantId });
  }
}

async function fetchMetadata(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow' });
  } catch {
    throw new MetadataError('the metadata URL could not be fetched');
  }
  if (!res.ok) throw new MetadataError(`the metadata URL answered ${res.status}`);
  const text = await res.text();
  if (text.length > MAX_METADATA_BYTES) throw new MetadataError('the metadata document is too large');
  return text;
}

function view(idp: IdentityProviderEntity): IdentityProviderView {
  return {
    tenantId: idp.tenantId,
    entityId: idp.entityId,
    ssoUrl: idp.ssoUrl,
    sloUrl: idp.sloUrl,
    certificates: idp.certificates,
    certificateExpiry: idp.certificates.map((pem) => new Date(new X509Certificate(pem).validTo).toISOString()),
    metadataUrl: idp.metadataUrl,
    attributeMap: idp.attributeMap,
    wantEncryptedAssertions: idp.wantEncryptedAssertions,
    updatedBy: idp.updatedBy,
    updatedAt: idp.updatedAt.toISOString(),
  };
}
