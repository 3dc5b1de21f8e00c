import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../platform/database/data-source.options';
import { environment } from '../../platform/config/settings';
import { checkDatabase } from '../preflight';
import { print } from '../output';

export async function runMigrations(url: string, revert = false): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    if (revert) {
      const before = await ds.query(`SELECT name FROM migration ORDER BY id DESC LIMIT 1`).catch(() => []);
      await ds.undoLastMigration({ transaction: 'each' });
      return (before as Array<{ name: string }>).map((r) => r.name);
    }
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

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
