import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './shared-dir';

/** The built CLI (npm test builds first), run as a user would run it. */
export const CLI = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');

export function runCli(args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot()): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { env, cwd, encoding: 'utf8', timeout: 60_000 });
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot()) {
  return spawn(process.execPath, [CLI, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The environment of this process without our settings, as a fresh shell would have it. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(DATABASE_|REDIS_|SAMARKIV_|STORAGE_|QUEUE_|DEMO_|LOG_LEVEL|PORT|TEST_RUN_|JEST|NODE_ENV)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** The URL a `samarkiv serve` child prints once it listens (loopback, IPv4). */
export function waitForListening(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = /listening on (\S+)/.exec(seen);
      if (m) {
        child.stderr!.off('data', onData);
        resolve(m[1].replace('[::1]', '127.0.0.1'));
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code} before listening: ${seen.slice(-2000)}`)));
  });
}
