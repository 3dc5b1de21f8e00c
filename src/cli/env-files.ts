import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export const DEMO_ENV_FILE = join('var', 'demo.env');

/**
 * `.env` fills unset variables; `var/demo.env` (written by `samarkiv demo`) fills only the
 * connection URLs, so commands run in the same folder reach the demo's database and Redis.
 */
export function loadEnvFiles(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): void {
  const dotenv = join(cwd, '.env');
  if (existsSync(dotenv)) {
    for (const [k, v] of Object.entries(parseEnv(readFileSync(dotenv, 'utf8')))) env[k] ??= v;
  }
  const demo = join(cwd, DEMO_ENV_FILE);
  if (existsSync(demo)) {
    const values = parseEnv(readFileSync(demo, 'utf8'));
    for (const key of ['DATABASE_URL', 'REDIS_URL']) if (!env[key] && values[key]) env[key] = values[key];
  }
}
