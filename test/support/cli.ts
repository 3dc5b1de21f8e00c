import { spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
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
