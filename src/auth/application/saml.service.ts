import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { MultiSamlStrategy, PassportSamlConfig, VerifyWithRequest } from '@node-saml/passport-saml';
import { Profile, ValidateInResponseTo } from '@node-saml/node-saml';
import type Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import { authConfig } from '../../platform/config/settings';
import { RequestContext } from '../../platform/context';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { AttributeMap, DEFAULT_ATTRIBUTE_MAP, IdentityProviderEntity } from '../domain/identity-provider.entity';
import { AUTH_REDIS } from '../infrastructure/auth-redis.provider';
import { IdentityProviderRepository } from '../infrastructure/identity-provider.repository';
import { RedisSamlCache } from '../infrastructure/redis-saml-cache';
import { InspectionError, inspectAssertion, inspectResponse } from '../infrastructure/saml-response.inspector';
import { fingerprint } from '../infrastructure/secret-hasher';
import { idpNotConfigured, SamlRefusal } from '../auth.errors';
import { AuthEvents } from './auth-events';
import { SamlSessionInfo, SessionService } from './session.service';

export const SAML_STRATEGY = 'saml-multi';
const REQUEST_ID_TTL_SECONDS = 10 * 60;
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

export type AcsOutcome = { kind: 'session'; sid: string; relayState: string } | { kind: 'no-access'; displayName: string };

/** node-saml's messages, turned into reasons an administrator can act on. */
const REASONS: Array<[RegExp, string]> = [
  [/Invalid (document )?signature|signature.*invalid/i, 'bad signature'],
  [/No valid signature|not signed|Invalid top level/i, 'unsigned response or assertion'],
  [/audience/i, 'wrong audience'],
  [/expired|NotOnOrAfter/i, 'assertion expired'],
  // node-saml rejects a subject confirmation whose NotOnOrAfter has passed with this message.
  [/subject confirmation/i, 'assertion expired (no valid subject confirmation)'],
  [/not yet valid|NotBefore/i, 'assertion not yet valid'],
  [/InResponseTo/i, 'unknown InResponseTo (no matching login request)'],
  [/issuer/i, 'unexpected issuer'],
  [/decrypt/i, 'cannot decrypt the assertion'],
];

export function refusalReason(err: Error): string {
  return REASONS.find(([re]) => re.test(err.message))?.[1] ?? 'invalid SAML response';
}

@Injectable()
export class SamlService {
  readonly strategy: MultiSamlStrategy;
  private readonly spKey: string | null;
  private readonly spCert: string | null;

  constructor(
    private readonly idps: IdentityProviderRepository,
    private readonly tenancy: TenancyFacade,
    private readonly sessions: SessionService,
    private readonly events: AuthEvents,
    @Inject(AUTH_REDIS) private readonly redis: Redis,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {
    this.spKey = config.spKeyFile ? readFileSync(config.spKeyFile, 'utf8') : null;
    this.spCert = config.spCertFile ? readFileSync(config.spCertFile, 'utf8') : null;
    const signon: VerifyWithRequest = (_req, profile, done) => done(null, profile as unknown as Record<string, unknown>);
    const logout: VerifyWithRequest = (req, profile, done) =>
      this.idpLogout(String(req.params.tenant), profile).then(
        () => done(null, profile as unknown as Record<string, unknown>),
        (e: Error) => done(e),
      );
    this.strategy = new MultiSamlStrategy(
      {
        passReqToCallback: true,
        getSamlOptions: (req, done) =>
          this.samlOptions(String(req.params.tenant)).then(
            (o) => done(null, o),
            (e: Error) => done(e),
          ),
      },
      signon,
      logout,
    );
  }

  urls(tenantId: string) {
    const base = `${this.config.publicBaseUrl}/auth/${tenantId}/saml`;
    return { entityId: `${base}/metadata`, metadata: `${base}/metadata`, acs: `${base}/acs`, slo: `${base}/logout`, login: `${base}/login` };
  }

  spCertificate(): string | null {
    return this.spCert;
  }

  async identityProvider(tenantId: string): Promise<IdentityProviderEntity> {
    const idp = await this.idps.find(tenantId);
    if (!idp) throw idpNotConfigured();
    return idp;
  }

  async samlOptions(tenantId: string): Promise<PassportSamlConfig> {
    const idp = await this.identityProvider(tenantId);
    const urls = this.urls(tenantId);
    return {
      issuer: urls.entityId,
      audience: urls.entityId,
      callbackUrl: urls.acs,
      logoutCallbackUrl: urls.slo,
      entryPoint: idp.ssoUrl,
      logoutUrl: idp.sloUrl ?? undefined,
      idpCert: idp.certificates,
      idpIssuer: idp.entityId,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      ...(this.spKey ? { privateKey: this.spKey, decryptionPvk: this.spKey, publicCert: this.spCert ?? undefined } : {}),
      acceptedClockSkewMs: this.config.clockSkewMs,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: REQUEST_ID_TTL_SECONDS * 1000,
      cacheProvider: new RedisSamlCache(this.redis, tenantId, REQUEST_ID_TTL_SECONDS),
      identifierFormat: PERSISTENT,
      disableRequestedAuthnContext: true,
    };
  }

  /**
   * Checks node-saml leaves to us (weak algorithms, Destination, Recipient, replays, encryption
   * policy), then provisions the user just in time and opens a session.
   */
  async completeLogin(ctx: RequestContext, tenantId: string, rawResponse: string, profile: Profile, relayState: string): Promise<AcsOutcome> {
    const idp = await this.identityProvider(tenantId);
    const urls = this.urls(tenantId);
    try {
      const envelope = inspectResponse(rawResponse);
      if (envelope.destination !== urls.acs) throw new InspectionError('wrong destination');
      if (envelope.issuer !== null && envelope.issuer !== idp.entityId) throw new InspectionError('unexpected issuer');
      if (idp.wantEncryptedAssertions && envelope.hasPlainAssertion && !envelope.hasEncryptedAssertion) throw new InspectionError('assertion not encrypted');
      const assertion = inspectAssertion(profile.getAssertionXml?.() ?? '');
      if (assertion.recipients.length === 0 || assertion.recipients.some((r) => r !== urls.acs)) throw new InspectionError('wrong recipient');
      if (!assertion.id) throw new InspectionError('assertion without ID');
      await this.rememberAssertion(tenantId, idp.entityId, assertion.id, assertion.notOnOrAfter);
    } catch (err) {
      if (err instanceof InspectionError) throw new SamlRefusal(err.message);
      throw err;
    }

    const attrs = readAttributes(profile, idp.attributeMap);
    const user = await this.tenancy.upsertUserFromLogin(tenantId, attrs);
    await this.tenancy.syncExternalGroups(tenantId, user.id, attrs.groups);
    const grants = await this.tenancy.resolveGrants(tenantId, user.id);
    if (grants.length === 0) {
      await this.events.record(ctx, { action: 'login-refused', tenantId, outcome: 'refused', reason: 'no grant', userId: user.id });
      return { kind: 'no-access', displayName: user.displayName };
    }
    const saml: SamlSessionInfo = { issuer: idp.entityId, nameID: profile.nameID, nameIDFormat: profile.nameIDFormat, sessionIndex: profile.sessionIndex };
    const { sid } = await this.sessions.create({ userId: user.id, tenantId, via: 'saml', saml, careUnit: attrs.careUnit ?? undefined });
    await this.events.record(ctx, { action: 'login', tenantId, outcome: 'success', userId: user.id, details: { via: 'saml' } });
    return { kind: 'session', sid, relayState: safeReturnPath(relayState) };
  }

  /** IdP-initiated logout: end the subject's sessions. */
  private async idpLogout(tenantId: string, profile: Profile | null): Promise<void> {
    if (profile?.nameID) await this.sessions.destroyBySubject(tenantId, profile.nameID);
  }

  /** A replayed assertion id is refused until the assertion would have expired anyway. */
  private async rememberAssertion(tenantId: string, issuer: string, id: string, notOnOrAfter: Date | null): Promise<void> {
    const untilMs = (notOnOrAfter?.getTime() ?? Date.now() + 3600_000) + this.config.clockSkewMs - Date.now();
    const ttl = Math.max(60, Math.min(24 * 3600, Math.ceil(untilMs / 1000)));
    const fresh = await this.redis.set(`assertion:${tenantId}:${fingerprint(`${issuer}|${id}`)}`, '1', 'EX', ttl, 'NX');
    if (fresh !== 'OK') throw new InspectionError('replayed assertion');
  }
}

export interface LoginAttributes {
  externalId: string;
  displayName: string;
  email: string | null;
  hsaId: string | null;
  careUnit: { hsaId: string; name: string | null } | null;
  groups: string[];
}

function first(v: unknown): string | null {
  if (Array.isArray(v)) return v.length > 0 ? String(v[0]) : null;
  return v === undefined || v === null || v === '' ? null : String(v);
}

/** Single-valued attributes arrive as strings, multi-valued ones as arrays: normalise both. */
export function readAttributes(profile: Profile, map: AttributeMap): LoginAttributes {
  const get = (name: string | undefined) => (name === undefined ? undefined : name === 'nameID' ? profile.nameID : ((profile.attributes as Record<string, unknown> | undefined)?.[name] ?? (profile as unknown as Record<string, unknown>)[name]));
  const externalId = first(get(map.userId));
  if (!externalId) throw new SamlRefusal(`the user-id attribute "${map.userId}" is missing`);
  const groupsRaw = get(map.groups);
  const groups = (Array.isArray(groupsRaw) ? groupsRaw : groupsRaw ? [groupsRaw] : []).map(String);
  return {
    externalId,
    displayName: first(get(map.displayName)) ?? externalId,
    email: first(get(map.email)),
    hsaId: first(get(map.hsaId)),
    careUnit: careUnitOf(first(get(map.careUnitHsaId ?? DEFAULT_ATTRIBUTE_MAP.careUnitHsaId)), first(get(map.careUnitName ?? DEFAULT_ATTRIBUTE_MAP.careUnitName))),
    groups,
  };
}

const careUnitOf = (hsaId: string | null, name: string | null) => (hsaId ? { hsaId, name } : null);

/** Only same-site paths: an open redirect after login would be a phishing tool. */
export function safeReturnPath(relayState: string | undefined): string {
  return relayState && /^\/(?![/\\])[\x21-\x7e]*$/.test(relayState) ? relayState : '/';
}
