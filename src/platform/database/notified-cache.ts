import { ALL_SCOPES, ChangeChannel, DatabaseNotifications } from './database-notifications';

export interface NotifiedCacheOptions {
  /** Entries kept at most; past it the cache starts over (rare: one entry per active user or tenant). */
  maxEntries: number;
  /** A bound on staleness should a notification ever go missing unnoticed. */
  ttlMs: number;
}

interface Entry<V> {
  value: V;
  at: number;
}

/**
 * A process-local cache of rows the database owns, per tenant scope, dropped when the database
 * notifies a committed change for that tenant. A value read while a change was arriving is not
 * kept (each scope has a generation, bumped by every notification), and nothing is kept while
 * notifications are down.
 */
export class NotifiedCache<V> {
  private readonly scopes = new Map<string, Map<string, Entry<V>>>();
  private readonly generations = new Map<string, number>();
  /** Bumped when everything is dropped at once. */
  private epoch = 0;
  private size = 0;

  constructor(
    private readonly notifications: DatabaseNotifications,
    channel: ChangeChannel,
    private readonly options: NotifiedCacheOptions,
  ) {
    notifications.subscribe(channel, (scope) => this.invalidate(scope));
  }

  async get(scope: string, key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.scopes.get(scope)?.get(key);
    if (hit && this.notifications.live && Date.now() - hit.at < this.options.ttlMs) return hit.value;
    const epoch = this.epoch;
    const generation = this.generations.get(scope) ?? 0;
    const live = this.notifications.live;
    const value = await load();
    const unchanged = epoch === this.epoch && generation === (this.generations.get(scope) ?? 0);
    if (live && this.notifications.live && unchanged) this.put(scope, key, value);
    return value;
  }

  /** Drops a tenant's entries (everything for ALL_SCOPES); this process's own changes call it ahead of the notification. */
  invalidate(scope: string): void {
    if (scope === ALL_SCOPES) {
      this.epoch++;
      this.scopes.clear();
      this.size = 0;
      return;
    }
    this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
    this.size -= this.scopes.get(scope)?.size ?? 0;
    this.scopes.delete(scope);
  }

  private put(scope: string, key: string, value: V): void {
    if (this.size >= this.options.maxEntries) {
      this.scopes.clear();
      this.size = 0;
    }
    let entries = this.scopes.get(scope);
    if (!entries) this.scopes.set(scope, (entries = new Map()));
    if (!entries.has(key)) this.size++;
    entries.set(key, { value, at: Date.now() });
  }
}
