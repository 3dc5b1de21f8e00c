import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Client } from 'pg';
import { databaseConfig } from '../config/settings';

/** Channels the database's triggers notify (see the ChangeNotifications migration); the payload is the tenant id. */
export enum ChangeChannel {
  /** Users, group memberships and grants: who may do what. */
  Access = 'samarkiv_access',
  /** Spärr blocks. */
  RecordBlock = 'samarkiv_record_block',
}

/** A payload that concerns every tenant (a TRUNCATE, or a listener that lost its connection). */
export const ALL_SCOPES = '*';

type Listener = (scope: string) => void;

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * One LISTEN connection per process for PostgreSQL's change notifications, so caches of data that
 * the database owns are dropped the moment a transaction that changes it commits, in every API
 * process, whatever made the change. While the connection is down nothing is known to be fresh:
 * `live` is false, every listener hears ALL_SCOPES, and caches read through until it is back.
 */
@Injectable()
export class DatabaseNotifications implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseNotifications.name);
  private readonly listeners = new Map<ChangeChannel, Set<Listener>>();
  /** The connection being made or in use; a lost one that is no longer current is ignored. */
  private client: Client | null = null;
  private retryMs = RECONNECT_MIN_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private connected = false;

  constructor(@Inject(databaseConfig.KEY) private readonly config: ConfigType<typeof databaseConfig>) {}

  /** Whether notifications are arriving now (a cache may serve what it holds). */
  get live(): boolean {
    return this.connected;
  }

  /** Calls `listener` with the tenant id of every committed change on the channel; connects on first use. */
  subscribe(channel: ChangeChannel, listener: Listener): void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  private start(): void {
    if (this.client || this.retryTimer || this.closed) return;
    void this.connect();
  }

  private async connect(): Promise<void> {
    const client = (this.client = new Client({
      connectionString: this.config.url,
      application_name: 'samarkiv-notifications',
      ...(this.config.appRole ? { options: `-c role=${this.config.appRole}` } : {}),
    }));
    client.on('notification', (n) => this.deliver(n.channel as ChangeChannel, n.payload ?? ALL_SCOPES));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of Object.values(ChangeChannel)) await client.query(`LISTEN ${channel}`);
      if (this.client !== client) return;
      this.connected = true;
      this.retryMs = RECONNECT_MIN_MS;
    } catch (err) {
      this.lost(client, err);
    }
  }

  private lost(client: Client, err?: unknown): void {
    if (this.client !== client) return;
    const wasConnected = this.connected;
    this.client = null;
    this.connected = false;
    void client.end().catch(() => undefined);
    // Changes may have been missed: everything cached is suspect.
    for (const channel of this.listeners.keys()) this.deliver(channel, ALL_SCOPES);
    if (this.closed) return;
    if (wasConnected) this.logger.warn(`change notifications lost (${err instanceof Error ? err.message : 'connection ended'}); caches read through until reconnected`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }

  private deliver(channel: ChangeChannel, scope: string): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(scope);
  }
}
