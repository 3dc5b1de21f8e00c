import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkRedis } from '../preflight';
import { freePort } from './free-port';

export interface StartedRedis {
  url: string;
  stop(): Promise<void>;
}

export class RedisServerMissingError extends Error {
  constructor() {
    super('redis-server was not found on PATH: install it (`apt-get install redis-server`) or set REDIS_URL to a running Redis.');
  }
}

/** A private redis-server on a free loopback port, data under var/redis. */
export async function startRedisServer(varDir: string): Promise<StartedRedis> {
  if (spawnSync('redis-server', ['--version']).error) throw new RedisServerMissingError();
  const dir = resolve(join(varDir, 'redis'));
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '60 1', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await checkRedis(url);
      break;
    } catch (err) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}
