import { existsSync } from 'node:fs';

/**
 * The same database through the server's Unix socket when it runs on this machine (as a
 * single-machine installation should connect, docs/operations.md), else the URL as given.
 * BENCH_PG_SOCKET names the socket folder; empty keeps TCP.
 */
export function localDatabaseUrl(databaseUrl: string, socketDir = process.env.BENCH_PG_SOCKET ?? '/var/run/postgresql'): string {
  const url = new URL(databaseUrl);
  const port = url.port || '5432';
  const local = socketDir && ['127.0.0.1', 'localhost'].includes(url.hostname) && existsSync(`${socketDir}/.s.PGSQL.${port}`);
  return local ? `postgres://${url.username}@${encodeURIComponent(socketDir)}:${port}${url.pathname}` : url.href;
}
