import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { ProcessRole } from '../../platform/config/env.validation';
import { createApp } from '../../platform/http/bootstrap';
import { buildOpenApiDocument } from '../../platform/http/openapi';
import { packageVersion } from '../../platform/paths';
import { checkDatabase, checkRedis } from '../preflight';
import { environment } from '../../platform/config/settings';

export async function generateOpenApi(): Promise<string> {
  const app = await createApp(ProcessRole.Api, { quiet: true });
  try {
    await app.init();
    return JSON.stringify(buildOpenApiDocument(app, packageVersion()), null, 2) + '\n';
  } finally {
    await app.close();
  }
}

export function openapiCommand(): Command {
  return new Command('openapi')
    .description('Write the OpenAPI document (committed as docs/openapi.json)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { out?: string }) => {
      await checkDatabase(environment().DATABASE_URL);
      await checkRedis(environment().REDIS_URL);
      const doc = await generateOpenApi();
      if (opts.out) writeFileSync(opts.out, doc);
      else process.stdout.write(doc);
    });
}
