import { Command } from 'commander';
import { RequestContext } from '../../platform/context';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { withAppContext } from '../app-context';
import { print, table } from '../output';

export function tenantCommand(): Command {
  const tenant = new Command('tenant').description('Administer tenants (regions)');
  tenant
    .command('list')
    .description('List tenants')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const tenants = await withAppContext((app) => app.get(TenancyFacade).listTenants(RequestContext.system('cli:tenant-list')));
      print({ json: !!opts.json }, tenants, () =>
        table([['ID', 'NAME', 'ORG NO', 'INFORMATION TYPES'], ...tenants.map((t) => [t.id, t.name, t.organisationNumber, t.informationTypes.join(',')])]),
      );
    });
  tenant
    .command('create')
    .description('Create a tenant')
    .requiredOption('--id <id>', 'slug, e.g. region-orebro')
    .requiredOption('--name <name>', 'display name, e.g. "Region Örebro län"')
    .requiredOption('--org-number <nnnnnn-nnnn>', 'organisationsnummer')
    .requiredOption('--authority <name>', 'name of the archive authority')
    .option('--info-types <list>', 'comma-separated information types (default: all)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { id: string; name: string; orgNumber: string; authority: string; infoTypes?: string; json?: boolean }) => {
      const created = await withAppContext((app) =>
        app.get(TenancyFacade).createTenant(RequestContext.system('cli:tenant-create'), {
          id: opts.id,
          name: opts.name,
          organisationNumber: opts.orgNumber,
          archiveAuthorityName: opts.authority,
          informationTypes: opts.infoTypes?.split(',').map((s) => s.trim()).filter(Boolean),
        }),
      );
      print({ json: !!opts.json }, created, () => `Created tenant ${created.id} (${created.name}).`);
    });
  return tenant;
}
