import { Command } from 'commander';
import { runMigrations } from '../../platform/database/migration.runner';
import { environment } from '../../platform/config/settings';
import { checkDatabase } from '../preflight';
import { print } from '../output';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Apply pending database migrations (or revert the last one)')
    .option('--revert', 'revert the most recent migration')
    .option('--json', 'machine-readable output')
    .action(async (opts: { revert?: boolean; json?: boolean }) => {
      const url = environment().DATABASE_URL;
      await checkDatabase(url);
      const names = await runMigrations(url, opts.revert);
      print({ json: !!opts.json }, { [opts.revert ? 'reverted' : 'applied']: names }, () =>
        names.length === 0 ? 'Database is up to date.' : `${opts.revert ? 'Reverted' : 'Applied'}: ${names.join(', ')}`,
      );
    });
}
