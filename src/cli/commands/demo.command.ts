import { Command } from 'commander';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { ProcessRole } from '../../platform/config/env.validation';
import { environment, resetEnvironmentCache } from '../../platform/config/settings';
import { RequestContext } from '../../platform/context';
import { serve } from '../../platform/http/bootstrap';
import { DEMO_USERS, TenancyFacade } from '../../tenancy/tenancy.facade';
import { DEMO_ENV_FILE } from '../env-files';
import { checkDatabase, checkRedis, describeUrl } from '../preflight';
import { startRedisServer } from '../demo/redis-server.launcher';
import { markOwnSignalListeners, startEmbeddedPostgres } from '../demo/embedded-postgres.launcher';
import { loadSampleDeliveries } from '../demo/sample-deliveries';
import { table } from '../output';

type Stopper = { name: string; stop: () => Promise<void> };

/**
 * `npm run demo`: everything a new user needs on a machine with nothing installed. Starts what is
 * missing (embedded PostgreSQL, a private redis-server), migrates, seeds and serves; Ctrl-C stops
 * everything it started.
 */
export function demoCommand(): Command {
  return new Command('demo')
    .description('Start a complete demo: embedded PostgreSQL and Redis when not configured, seed data, the server')
    .option('--port <port>', 'HTTP port (default PORT or 3000)', (v) => Number(v))
    .option('--var-dir <dir>', 'where the demo keeps its data', 'var')
    .option('--no-sample-data', 'do not deliver generated sample packages on the first start')
    .action(async (opts: { port?: number; varDir: string; sampleData: boolean }) => {
      const say = (line: string) => process.stderr.write(`${line}\n`);
      const varDir = resolve(opts.varDir);
      const started: Stopper[] = [];
      const stopAll = async () => {
        for (const s of started.reverse()) await s.stop().catch((e: Error) => say(`stopping ${s.name}: ${e.message}`));
        rmSync(join(varDir, 'demo.env'), { force: true });
      };
      let app: INestApplication | undefined;
      let stopping = false;
      const samples = new AbortController();
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        say(`\n${signal}: stopping …`);
        samples.abort();
        void (async () => {
          await app?.close().catch(() => undefined);
          await stopAll();
          say('stopped.');
          process.exit(0);
        })();
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      markOwnSignalListeners();

      try {
        mkdirSync(varDir, { recursive: true });
        rmSync(join(varDir, 'demo.env'), { force: true });
        const lines: string[] = [];
        if (!process.env.DATABASE_URL) {
          const pg = await startEmbeddedPostgres(varDir, say);
          started.push({ name: 'PostgreSQL', stop: pg.stop });
          process.env.DATABASE_URL = pg.url;
          lines.push(`DATABASE_URL=${pg.url}`);
          say(`started embedded PostgreSQL at ${describeUrl(pg.url)} (data in ${pg.dataDir})`);
        } else {
          say(`using DATABASE_URL (${describeUrl(process.env.DATABASE_URL)})`);
        }
        if (!process.env.REDIS_URL) {
          const redis = await startRedisServer(varDir);
          started.push({ name: 'Redis', stop: redis.stop });
          process.env.REDIS_URL = redis.url;
          lines.push(`REDIS_URL=${redis.url}`);
          say(`started redis-server at ${describeUrl(redis.url)}`);
        } else {
          say(`using REDIS_URL (${describeUrl(process.env.REDIS_URL)})`);
        }
        writeFileSync(join(varDir, 'demo.env'), lines.join('\n') + '\n', { mode: 0o600 });
        process.env.DEMO_MODE ??= 'true';
        process.env.STORAGE_ROOT ??= join(varDir, 'storage');
        resetEnvironmentCache();
        const env = environment();
        await checkDatabase(env.DATABASE_URL);
        await checkRedis(env.REDIS_URL);

        app = await serve(ProcessRole.All, { port: opts.port, ownSignals: true });
        const summary = await app.get(TenancyFacade).seedDemo(RequestContext.system('demo'));
        const url = `http://localhost:${opts.port ?? env.PORT}`;
        say('');
        say(`Samarkiv demo is running: ${url}`);
        say(`  health:   ${url}/health`);
        say(`  API docs: ${url}/api/docs`);
        say(`  seeded:   ${summary.tenants} regions, ${summary.users} users (connection URLs in ${DEMO_ENV_FILE})`);
        say('');
        say(table([['USER', 'REGION', 'NAME'], ...DEMO_USERS.map((u) => [u.externalId, u.tenantId ?? '(central operations)', u.displayName])]));
        say('\nCtrl-C stops everything the demo started.');
        if (opts.sampleData) {
          say('Delivering generated sample packages through the delivery API (first start only) …');
          const loopback = `http://127.0.0.1:${opts.port ?? env.PORT}`;
          void loadSampleDeliveries(app, loopback, join(varDir, 'sample-packages'), say, samples.signal).then(
            () => !samples.signal.aborted && say('Sample deliveries done: search as anna (Örebro) or frida (Uppsala).'),
            (err: Error) => !samples.signal.aborted && say(`sample deliveries stopped: ${err.message}`),
          );
        }
      } catch (err) {
        await app?.close().catch(() => undefined);
        await stopAll();
        throw err;
      }
    });
}
