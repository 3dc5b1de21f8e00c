import { Command, InvalidArgumentError } from 'commander';
import { RequestContext } from '../../platform/context';
import { PreservationFacade, RepairReport, VerifyReport } from '../../preservation/preservation.facade';
import { withAppContext } from '../app-context';
import { print, table } from '../output';

const parseLimit = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new InvalidArgumentError('expected a whole number from 1 to 200');
  return n;
};

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function humanVerify(r: VerifyReport): string {
  const rows = [['LOCATION', 'OBJECTS', 'FILES', 'READ', 'FAILED', 'RESULT'], ...r.runs.map((run) => [run.location, String(run.objectsChecked), String(run.filesChecked), megabytes(run.bytesChecked), String(run.objectsFailed), run.skipped ?? (run.failures.length ? 'FAILED' : 'ok')])];
  const failures = r.runs.flatMap((run) => run.failures.map((f) => `${run.location}: ${f.objectId} (${f.tenantId}): ${f.kinds.join(', ')} in ${f.files} file(s)`));
  return [table(rows), ...failures, r.ok ? 'OK: every copy matches its digests' : 'FAILED: run `samarkiv storage repair` to restore failed copies'].join('\n');
}

function humanRepair(r: RepairReport): string {
  const lines = [
    ...r.repaired.map((o) => `repaired ${o.objectId} (${o.tenantId}) in ${o.repaired.join(', ')}`),
    ...r.damaged.map((o) => `DAMAGED ${o.objectId} (${o.tenantId}): ${o.locations.map((l) => `${l.location}: ${l.findings.join(', ')}`).join('; ')}`),
  ];
  return [...lines, `${r.ok ? 'OK' : 'DAMAGED OBJECTS LEFT'}: ${r.checked} object(s) needed a look, ${r.repaired.length} repaired, ${r.damaged.length} damaged`].join('\n');
}

/** Operators' archival-storage commands (no content is shown: object ids, locations, finding kinds). */
export function storageCommand(): Command {
  const storage = new Command('storage').description('Archival storage: verify copies, repair them, policies, audit reports');
  storage
    .command('verify')
    .description('Re-hash every copy now and report failed ones without repairing (exit 0 intact, 1 failures)')
    .option('--tenant <id>', 'only this tenant\'s objects')
    .option('--location <name>', 'only this storage location')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; location?: string; json?: boolean }) => {
      const report = await withAppContext((app) => app.get(PreservationFacade).verifyStorage(RequestContext.system('cli:storage-verify'), { tenantId: opts.tenant, location: opts.location }));
      print({ json: !!opts.json }, report, () => humanVerify(report));
      if (!report.ok) process.exitCode = 1;
    });
  storage
    .command('repair')
    .description('Restore failed or missing copies from intact ones (exit 1 when an object has no intact copy left)')
    .option('--tenant <id>', 'only this tenant\'s objects')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      const report = await withAppContext((app) => app.get(PreservationFacade).repairStorage(RequestContext.system('cli:storage-repair'), { tenantId: opts.tenant }));
      print({ json: !!opts.json }, report, () => humanRepair(report));
      if (!report.ok) process.exitCode = 1;
    });
  storage
    .command('locations')
    .description('The configured storage locations (STORAGE_LOCATIONS)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const locations = await withAppContext(async (app) => app.get(PreservationFacade).storageLocations());
      print({ json: !!opts.json }, locations, () => table([['NAME', 'WHERE'], ...locations.map((l) => [l.name, l.description])]));
    });
  storage
    .command('policy')
    .description('Show or set which locations hold a tenant\'s copies')
    .requiredOption('--tenant <id>', 'the tenant')
    .option('--set <locations>', 'comma-separated location names, in write order')
    .option('--default', 'return to the default: every configured location')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant: string; set?: string; default?: boolean; json?: boolean }) => {
      const ctx = RequestContext.system('cli:storage-policy');
      const policy = await withAppContext((app) => {
        const facade = app.get(PreservationFacade);
        if (opts.default) return facade.setStoragePolicy(ctx, opts.tenant, null);
        if (opts.set !== undefined) return facade.setStoragePolicy(ctx, opts.tenant, opts.set.split(',').map((s) => s.trim()).filter(Boolean));
        return facade.storagePolicy(ctx, opts.tenant);
      });
      print({ json: !!opts.json }, policy, () => `${policy.tenantId}: ${policy.locations.join(', ')}${policy.isDefault ? ' (default: every configured location)' : ''}`);
    });
  storage
    .command('audits')
    .description('Latest fixity-audit runs and the objects that failed')
    .option('--location <name>', 'only this storage location')
    .option('--limit <n>', 'how many runs (default 20)', parseLimit)
    .option('--json', 'machine-readable output')
    .action(async (opts: { location?: string; limit?: number; json?: boolean }) => {
      const runs = await withAppContext((app) => app.get(PreservationFacade).auditRuns(RequestContext.system('cli:storage-audits'), { location: opts.location, limit: opts.limit }));
      print({ json: !!opts.json }, runs, () =>
        table([
          ['STARTED', 'LOCATION', 'TRIGGER', 'STATUS', 'OBJECTS', 'READ', 'FAILED', 'REPAIRED', 'DAMAGED'],
          ...runs.map((r) => [r.startedAt.toISOString(), r.location, r.trigger, r.status, String(r.objectsChecked), megabytes(r.bytesChecked), String(r.objectsFailed), String(r.objectsRepaired), String(r.objectsDamaged)]),
        ]),
      );
    });
  return storage;
}
