import type Redis from 'ioredis';
import type { CacheItem, CacheProvider } from '@node-saml/node-saml';

/**
 * Remembers the AuthnRequest ids we sent, per tenant, so that `InResponseTo` is checked by any API
 * process (node-saml's default cache lives in one process's memory).
 */
export class RedisSamlCache implements CacheProvider {
  constructor(
    private readonly redis: Redis,
    private readonly tenantId: string,
    private readonly ttlSeconds: number,
  ) {}

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    const createdAt = Date.now();
    await this.redis.set(this.key(key), JSON.stringify({ value, createdAt }), 'EX', this.ttlSeconds);
    return { value, createdAt };
  }

  async getAsync(key: string): Promise<string | null> {
    const raw = await this.redis.get(this.key(key));
    return raw ? (JSON.parse(raw) as CacheItem).value : null;
  }

  async removeAsync(key: string | null): Promise<string | null> {
    if (!key) return null;
    const value = await this.getAsync(key);
    await this.redis.del(this.key(key));
    return value;
  }

  private key(id: string): string {
    return `saml-request:${this.tenantId}:${id.slice(0, 200)}`;
  }
}
