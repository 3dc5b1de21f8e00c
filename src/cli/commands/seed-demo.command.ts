import { Command } from 'commander';
import { RequestContext } from '../../platform/context';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { withAppContext } from '../app-context';
import { print } from '../output';

export function seedDemoCommand(): Command {
  return new Command('seed-demo')
    .description('Create the demo regions, users, groups and grants (idempotent)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const summary = await withAppContext((app) => app.get(TenancyFacade).seedDemo(RequestContext.system('cli:seed-demo')));
      print({ json: !!opts.json }, summary, () => `Seeded ${summary.tenants} tenants, ${summary.users} users, ${summary.groups} groups.`);
    });
}
