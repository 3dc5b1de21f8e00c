import { Command } from 'commander';
import { RequestContext } from '../../platform/context';
import { AuthFacade } from '../../auth/auth.facade';
import { withAppContext } from '../app-context';
import { print, table } from '../output';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

export function apiClientCommand(): Command {
  const cmd = new Command('api-client').description('Administer API clients (machines that deliver packages)');
  cmd
    .command('create')
    .description('Create an API client; prints its token alone on the last line (shown once)')
    .requiredOption('--tenant <id>', 'tenant (region) id')
    .requiredOption('--name <name>', 'a name for the client, e.g. "ehr-export"')
    .requiredOption('--scopes <list>', 'comma-separated: deliver,validate,receipts')
    .requiredOption('--info-types <list>', 'comma-separated information types, e.g. patient-record,finance')
    .option('--expires-in-days <n>', 'lifetime of the secret', (v) => Number(v))
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant: string; name: string; scopes: string; infoTypes: string; expiresInDays?: number; json?: boolean }) => {
      const created = await withAppContext((app) =>
        app.get(AuthFacade).createApiClient(RequestContext.system('cli:api-client-create'), opts.tenant, {
          name: opts.name,
          scopes: list(opts.scopes),
          informationTypes: list(opts.infoTypes),
          expiresInDays: opts.expiresInDays,
        }),
      );
      print({ json: !!opts.json }, created, () =>
        [`Created API client ${created.client.name} (${created.client.id}) in ${created.client.tenantId}, expires ${created.client.expiresAt}.`, 'Token (shown once):', created.token].join('\n'),
      );
    });
  cmd
    .command('list')
    .description("List a tenant's API clients")
    .requiredOption('--tenant <id>', 'tenant (region) id')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const clients = await withAppContext((app) => app.get(AuthFacade).listApiClients(RequestContext.system('cli:api-client-list'), opts.tenant));
      print({ json: !!opts.json }, clients, () =>
        table([
          ['ID', 'NAME', 'SCOPES', 'INFORMATION TYPES', 'EXPIRES', 'STATUS'],
          ...clients.map((c) => [c.id, c.name, c.scopes.join(','), c.informationTypes.join(','), c.expiresAt.slice(0, 10), c.revokedAt ? 'revoked' : 'active']),
        ]),
      );
    });
  cmd
    .command('revoke')
    .description('Revoke an API client at once')
    .requiredOption('--tenant <id>', 'tenant (region) id')
    .requiredOption('--id <id>', 'API client id')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant: string; id: string; json?: boolean }) => {
      const client = await withAppContext((app) => app.get(AuthFacade).revokeApiClient(RequestContext.system('cli:api-client-revoke'), opts.tenant, opts.id));
      print({ json: !!opts.json }, client, () => `Revoked ${client.name} (${client.id}).`);
    });
  cmd
    .command('rotate')
    .description('Issue a new secret; the old one keeps working for the rotation overlap')
    .requiredOption('--tenant <id>', 'tenant (region) id')
    .requiredOption('--id <id>', 'API client id')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant: string; id: string; json?: boolean }) => {
      const rotated = await withAppContext((app) => app.get(AuthFacade).rotateApiClient(RequestContext.system('cli:api-client-rotate'), opts.tenant, opts.id));
      print({ json: !!opts.json }, rotated, () =>
        [`Rotated ${rotated.client.name}; the previous secret works until ${rotated.client.previousValidUntil}.`, 'Token (shown once):', rotated.token].join('\n'),
      );
    });
  return cmd;
}
