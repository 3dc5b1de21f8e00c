import { Command, Option } from 'commander';
import { ProcessRole } from '../../platform/config/env.validation';
import { environment } from '../../platform/config/settings';
import { serve } from '../../platform/http/bootstrap';
import { checkDatabase, checkRedis } from '../preflight';

export function serveCommand(): Command {
  return new Command('serve')
    .description('Run the server: the HTTP API, the job worker, or both')
    .addOption(new Option('--role <role>', 'process role').choices(Object.values(ProcessRole)))
    .option('--port <port>', 'HTTP port (default PORT or 3000)', (v) => Number(v))
    .action(async (opts: { role?: ProcessRole; port?: number }) => {
      const env = environment();
      await checkDatabase(env.DATABASE_URL);
      await checkRedis(env.REDIS_URL);
      const role = opts.role ?? env.SAMARKIV_ROLE;
      const app = await serve(role, { port: opts.port });
      process.stderr.write(`samarkiv ${role} listening on ${await app.getUrl()}\n`);
    });
}
