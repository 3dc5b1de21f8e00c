import { Command } from 'commander';
import { RequestContext } from '../../platform/context';
import { IngestFacade, TenantRebuild } from '../../ingest/ingest.facade';
import { withAppContext } from '../app-context';
import { print, table } from '../output';

const many = (v: string, prev: string[] = []) => [...prev, v];

function human(reports: TenantRebuild[]): string {
  const rows = [['TENANT', 'AIPS IN STORAGE', 'REBUILT', 'ALREADY THERE', 'RECORDS', 'FAILED'], ...reports.map((r) => [r.tenantId, String(r.objects), String(r.rebuilt), String(r.alreadyCatalogued), String(r.records), String(r.failed.length)])];
  const failures = reports.flatMap((r) => r.failed.map((f) => `FAILED ${f.objectId}: ${f.reason}`));
  return [table(rows), ...failures].join('\n');
}

/** Disaster recovery: the catalogue and the search index from the storage locations alone. */
export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('Recreate the AIP catalogue, the preservation catalogue and the search index from storage (exit 1 if an AIP could not be read)')
    .requiredOption('--from-storage', 'read every AIP in the storage locations (the only source supported)')
    .option('--tenant <id>', 'only this tenant (repeatable; default: every tenant in the database)', many)
    .option('--location <name>', 'storage location to enumerate (default: the first of each tenant\'s policy)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string[]; location?: string; json?: boolean }) => {
      const reports = await withAppContext((app) => app.get(IngestFacade).rebuildFromStorage(RequestContext.system('cli:rebuild'), { tenantIds: opts.tenant, location: opts.location }));
      print({ json: !!opts.json }, reports, () => human(reports));
      if (reports.some((r) => r.failed.length > 0)) process.exitCode = 1;
    });
}
