import { Command } from 'commander';
import { runValidateCli } from '@samarkiv/information-package';
import { formatSettings } from '../../platform/config/settings';

/** E-ARK / FGS package validation; needs no database. The catalog defaults to XML_SCHEMA_CATALOG. */
export function validateCommand(): Command {
  return new Command('validate')
    .description('Validate an E-ARK CSIP/SIP 2.x, FGS 1.x or BagIt package (folder, ZIP, TAR, .tar.gz)')
    .argument('<path>', 'the package')
    .option('--schemas <catalog>', 'XML catalog for offline schema validation (default XML_SCHEMA_CATALOG)')
    .option('--json', 'one JSON object: {valid, kind, version, findings}')
    .addHelpText('after', '\nExit codes: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.')
    .action(async (path: string, opts: { schemas?: string; json?: boolean }) => {
      const argv = [path];
      const catalog = opts.schemas ?? formatSettings().schemaCatalog;
      if (catalog) argv.push('--schemas', catalog);
      if (opts.json) argv.push('--json');
      process.exitCode = await runValidateCli(argv, { stdout: process.stdout, stderr: process.stderr });
    });
}
