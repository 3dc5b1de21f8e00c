import { Command, InvalidArgumentError } from 'commander';
import { AuditFacade, VerifyReport } from '../../audit/audit.facade';
import { RequestContext } from '../../platform/context';
import { withAppContext } from '../app-context';
import { print, table } from '../output';

const parseDate = (value: string): Date => {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO 8601 date, e.g. 2026-01-01');
  return d;
};

const chainName = (tenantId: string | null) => tenantId ?? '(central)';

function humanReport(r: VerifyReport): string {
  const rows = [['CHAIN', 'ENTRIES', 'HEAD', 'RESULT'], ...r.chains.map((c) => [chainName(c.tenantId), String(c.checked), String(c.headSeq ?? '-'), c.ok ? 'ok' : `BROKEN at seq ${c.firstBroken!.seq}: ${c.firstBroken!.kind}`])];
  const broken = r.chains.filter((c) => !c.ok).map((c) => `${chainName(c.tenantId)}: ${c.firstBroken!.message}`);
  const rate = r.seconds > 0 ? Math.round(r.checked / r.seconds) : r.checked;
  return [table(rows), ...broken, `${r.ok ? 'OK' : 'BROKEN'}: ${r.checked} entries in ${r.seconds.toFixed(2)} s (${rate}/s)`].join('\n');
}

export function auditCommand(): Command {
  const audit = new Command('audit').description('The access log: verify hash chains, list anchors');
  audit
    .command('verify')
    .description('Check the hash chains and name the first broken entry (exit 0 intact, 1 broken)')
    .option('--tenant <id>', 'only this tenant\'s chain')
    .option('--central', 'only the central chain (operator actions)')
    .option('--from <date>', 'start at the first entry on or after this date', parseDate)
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; central?: boolean; from?: Date; json?: boolean }) => {
      const tenantId = opts.central ? null : opts.tenant;
      const report = await withAppContext((app) => app.get(AuditFacade).verify(RequestContext.system('cli:audit-verify'), { tenantId, from: opts.from }));
      print({ json: !!opts.json }, report, () => humanReport(report));
      if (!report.ok) process.exitCode = 1;
    });
  audit
    .command('anchors')
    .description('Print the anchored chain heads (periodic and at retention drops)')
    .option('--tenant <id>', 'only this tenant\'s chain')
    .option('--central', 'only the central chain')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; central?: boolean; json?: boolean }) => {
      const tenantId = opts.central ? null : opts.tenant;
      const anchors = await withAppContext((app) => app.get(AuditFacade).anchors(RequestContext.system('cli:audit-anchors'), tenantId));
      print({ json: !!opts.json }, anchors, () =>
        table([
          ['CHAIN', 'SEQ', 'HASH', 'ENTRY TIME', 'REASON', 'ANCHORED AT'],
          ...anchors.map((a) => [chainName(a.tenantId), String(a.seq), a.hash, a.entryTime.toISOString(), a.reason + (a.partitionName ? ` (${a.partitionName})` : ''), a.anchoredAt.toISOString()]),
        ]),
      );
    });
  audit
    .command('anchor')
    .description('Anchor every chain head now (the worker does this periodically)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const anchored = await withAppContext((app) => app.get(AuditFacade).anchorNow(RequestContext.system('cli:audit-anchor')));
      print({ json: !!opts.json }, { anchored }, () => `Anchored ${anchored} chain head(s).`);
    });
  return audit;
}
