import { Command } from 'commander';
import { runIdentifyCli } from '@samarkiv/pronom';
import { formatSettings } from '../../platform/config/settings';

/** PRONOM identification of files and folders; needs no database. Defaults from PRONOM_* settings. */
export function identifyCommand(): Command {
  return new Command('identify')
    .description('Identify file formats (PRONOM PUIDs) the way DROID does')
    .argument('<paths...>', 'files or folders (walked recursively)')
    .option('--signatures <file>', 'DROID signature file (default PRONOM_SIGNATURE_FILE, else the built-in table)')
    .option('--container-signatures <file>', 'container signature file (default PRONOM_CONTAINER_SIGNATURE_FILE)')
    .option('--cache-dir <dir>', 'compiled-signature cache (default PRONOM_CACHE_DIR)')
    .option('--json', 'one JSON object per line')
    .action(async (paths: string[], opts: { signatures?: string; containerSignatures?: string; cacheDir?: string; json?: boolean }) => {
      const defaults = formatSettings();
      const argv = [...paths];
      const signatures = opts.signatures ?? defaults.signatureFile;
      const containers = opts.containerSignatures ?? defaults.containerSignatureFile;
      if (signatures) argv.push('--signatures', signatures);
      if (containers) argv.push('--container-signatures', containers);
      argv.push('--cache-dir', opts.cacheDir ?? defaults.cacheDir);
      if (opts.json) argv.push('--json');
      process.exitCode = await runIdentifyCli(argv, { stdout: process.stdout, stderr: process.stderr });
    });
}
