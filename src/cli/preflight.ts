import Redis from 'ioredis';
import { Client } from 'pg';
import { redisOptionsFromUrl } from '../platform/queue/redis-options';

/** A safe description of a URL: host, port and database, never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '(default port)'}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}

const PG_REASONS: Record<string, string> = {
  '3D000': 'the database does not exist',
  '28P01': 'password authentication failed',
  '28000': 'the server refused this user',
  ECONNREFUSED: 'connection refused (is PostgreSQL running?)',
  ENOTFOUND: 'host not found',
  ETIMEDOUT: 'connection timed out',
};

/** Fails fast with one line naming the variable, instead of a retry loop and a stack trace. */
export async function checkDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(`DATABASE_URL: cannot connect to PostgreSQL at ${describeUrl(url)}: ${PG_REASONS[e.code ?? ''] ?? e.code ?? e.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(url: string): Promise<void> {
  const client = new Redis({ ...redisOptionsFromUrl(url), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(`REDIS_URL: cannot connect to Redis at ${describeUrl(url)}: ${e.code === 'ECONNREFUSED' ? 'connection refused (is Redis running?)' : (e.code ?? e.message)}`);
  } finally {
    client.disconnect();
  }
}
