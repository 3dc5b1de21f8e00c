import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { CookieOptions } from 'express';
import { authConfig, redisConfig } from '../../platform/config/settings';
import { AUTH_REDIS } from '../infrastructure/auth-redis.provider';
import { fingerprint } from '../infrastructure/secret-hasher';
import { SessionCache } from '../infrastructure/session-cache';

/** Redis confirms a cached session (and refreshes its idle timeout) at least this often. */
const CONFIRM_EVERY_MS = 30_000;

export const SESSION_COOKIE = 'samarkiv.sid';

export interface SamlSessionInfo {
  issuer: string;
  nameID: string;
  nameIDFormat: string;
  sessionIndex?: string;
}

export interface SessionData {
  userId: string;
  tenantId: string | null;
  /** epoch ms; the absolute timeout counts from here. */
  createdAt: number;
  csrf: string;
  via: 'saml' | 'demo';
  saml?: SamlSessionInfo;
  /** The care unit the person acts in for this session (spärr, access log). */
  careUnit?: { hsaId: string; name: string | null };
}

/**
 * Server-side sessions in Redis. The cookie holds only a random id; Redis keys use its hash, so a
 * Redis dump does not hand out live cookies. Idle timeout = key TTL refreshed on use (at least
 * every 30 s, or a quarter of the idle timeout, while a process serves its cached copy); absolute
 * timeout = createdAt + limit, checked on every use.
 */
@Injectable()
export class SessionService implements OnModuleDestroy {
  private readonly cache: SessionCache<SessionData>;

  constructor(
    @Inject(AUTH_REDIS) private readonly redis: Redis,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    @Inject(redisConfig.KEY) redisSettings: ConfigType<typeof redisConfig>,
  ) {
    // Channels take no key prefix: the installation's prefix is in the name.
    this.cache = new SessionCache(redis, `${redisSettings.queuePrefix}:auth:session-ended`, Math.min(CONFIRM_EVERY_MS, (config.sessionIdleSeconds * 1000) / 4));
  }

  onModuleDestroy(): Promise<void> {
    return this.cache.close();
  }

  async create(data: Omit<SessionData, 'createdAt' | 'csrf'>): Promise<{ sid: string; session: SessionData }> {
    const sid = randomBytes(32).toString('base64url');
    const session: SessionData = { ...data, createdAt: Date.now(), csrf: randomBytes(24).toString('base64url') };
    const key = this.key(sid);
    const tx = this.redis.multi().set(key, JSON.stringify(session), 'EX', this.config.sessionIdleSeconds);
    if (session.saml && session.tenantId) {
      const subject = this.subjectKey(session.tenantId, session.saml.nameID);
      tx.sadd(subject, fingerprint(sid)).expire(subject, this.config.sessionAbsoluteSeconds);
    }
    await tx.exec();
    return { sid, session };
  }

  async get(sid: string | undefined): Promise<SessionData | null> {
    if (!sid || sid.length > 100) return null;
    const key = this.key(sid);
    // Read and refresh the idle timeout in one round trip.
    const session =
      this.cache.fresh(key) ??
      (await this.cache.confirm(key, async () => {
        const raw = await this.redis.getex(key, 'EX', this.config.sessionIdleSeconds);
        return raw ? (JSON.parse(raw) as SessionData) : null;
      }));
    if (!session) return null;
    if (Date.now() - session.createdAt > this.config.sessionAbsoluteSeconds * 1000) {
      await this.redis.del(key);
      await this.cache.end([key]);
      return null;
    }
    return session;
  }

  async destroy(sid: string | undefined): Promise<void> {
    if (!sid) return;
    await this.redis.del(this.key(sid));
    await this.cache.end([this.key(sid)]);
  }

  /** IdP-initiated single logout: end every session of this subject in this tenant. */
  async destroyBySubject(tenantId: string, nameID: string): Promise<number> {
    const subject = this.subjectKey(tenantId, nameID);
    const hashes = await this.redis.smembers(subject);
    if (hashes.length === 0) return 0;
    const keys = hashes.map((h) => `session:${h}`);
    const removed = await this.redis.del(...keys);
    await this.redis.del(subject);
    await this.cache.end(keys);
    return removed;
  }

  cookieOptions(): CookieOptions {
    // SameSite=Lax: the cookie is set on the IdP's POST to the ACS (a response, which Lax allows)
    // and then sent on top-level navigation, never on cross-site sub-requests or form posts.
    return { httpOnly: true, secure: this.config.cookieSecure, sameSite: 'lax', path: '/' };
  }

  private key(sid: string): string {
    return `session:${fingerprint(sid)}`;
  }

  private subjectKey(tenantId: string, nameID: string): string {
    return `saml-subject:${tenantId}:${fingerprint(nameID)}`;
  }
}
