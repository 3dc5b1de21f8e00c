import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';

const MAX_ENTRIES = 50_000;

interface Entry<V> {
  value: V;
  /** When Redis last confirmed the session and refreshed its idle timeout. */
  confirmedAt: number;
}

/**
 * This process's copy of recently used sessions, so that most requests need no Redis round trip.
 * Sessions never change after login; they end by logout (any process: announced on a Redis
 * channel, which every process listens to), by idle timeout (Redis is asked again, and the idle
 * timeout refreshed, at least every `confirmEveryMs`, so the key never expires under a cached
 * copy) or by the absolute limit (the caller checks it on every use). Nothing is kept while the
 * channel is not being heard.
 */
export class SessionCache<V> {
  private readonly logger = new Logger(SessionCache.name);
  private readonly entries = new Map<string, Entry<V>>();
  private listening = false;
  /** Bumped by every ended session heard: a copy read while one ended is not kept. */
  private endings = 0;
  private subscriber: Redis | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly confirmEveryMs: number,
  ) {}

  /** A copy Redis confirmed less than `confirmEveryMs` ago, if the channel is heard. */
  fresh(key: string): V | undefined {
    this.listen();
    const hit = this.entries.get(key);
    if (!hit || !this.listening) return undefined;
    if (Date.now() - hit.confirmedAt >= this.confirmEveryMs) return undefined;
    return hit.value;
  }

  /** Reads through Redis with `read` and keeps the answer unless a session ended meanwhile. */
  async confirm(key: string, read: () => Promise<V | null>): Promise<V | null> {
    const endings = this.endings;
    const listening = this.listening;
    const value = await read();
    if (value === null) this.entries.delete(key);
    else if (listening && this.listening && endings === this.endings) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, confirmedAt: Date.now() });
    }
    return value;
  }

  /** Ends a session in every process: here at once, elsewhere when they hear it. */
  async end(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    for (const key of keys) this.entries.delete(key);
    this.endings++;
    await this.redis.publish(this.channel, JSON.stringify(keys));
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    this.listening = false;
    await subscriber?.quit().catch(() => undefined);
  }

  private listen(): void {
    if (this.subscriber) return;
    const subscriber = (this.subscriber = this.redis.duplicate());
    subscriber.on('message', (_channel: string, message: string) => {
      this.endings++;
      try {
        for (const key of JSON.parse(message) as string[]) this.entries.delete(key);
      } catch {
        this.entries.clear();
      }
    });
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => (this.listening = this.subscriber === subscriber),
        (err: unknown) => this.logger.warn(`session channel not heard: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
    // Endings may be missed while disconnected: forget every copy.
    subscriber.on('close', () => {
      this.listening = false;
      this.endings++;
      this.entries.clear();
    });
    subscriber.on('error', () => undefined);
  }
}
