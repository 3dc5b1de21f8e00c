import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import { FORMATS_BY_TYPE, generateDeliveries, GeneratedFormat, GeneratedType, GeneratorError, MAX_RECORDS, REGIONS } from '@samarkiv/generator';
import { formatSettings } from '../../platform/config/settings';
import { packageVersion } from '../../platform/paths';
import { print } from '../output';

const positive = (max: number) => (v: string) => {
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`must be an integer from 1 to ${max}`);
  return n;
};

/** Realistic, deterministic deliveries for demos, tests and benchmarks. */
export function generateCommand(): Command {
  return new Command('generate')
    .description('Write generated SIPs (E-ARK SIP 2.2.0 / FGS 2.0) with realistic Swedish records')
    .addOption(new Option('--type <type>', 'information type').choices(Object.keys(FORMATS_BY_TYPE)).makeOptionMandatory())
    .addOption(new Option('--format <format>', 'source format: ccda or fhir (patient-record), csv (finance, registry)').choices(['ccda', 'fhir', 'csv']).makeOptionMandatory())
    .requiredOption('--records <n>', `number of records (1 to ${MAX_RECORDS.toLocaleString('en')})`, positive(MAX_RECORDS))
    .requiredOption('--out <dir>', 'folder that receives the packages')
    .option('--seed <seed>', 'seed: the same seed gives the same packages', 'samarkiv')
    .addOption(new Option('--region <id>', 'region the records come from').choices(REGIONS.map((r) => r.id)).default('region-orebro'))
    .option('--records-per-package <n>', 'records per SIP (default 10,000 documents or 100,000 CSV rows)', positive(MAX_RECORDS))
    .option('--source-system <name>', 'source system named in the records')
    .option('--font <file.ttf>', 'TrueType font embedded in PDF/A attachments (default: a system font)')
    .option('--zip', 'write ZIP packages instead of folders')
    .option('--json', 'machine-readable output')
    .action(async (opts: { type: GeneratedType; format: GeneratedFormat; records: number; out: string; seed: string; region: string; recordsPerPackage?: number; sourceSystem?: string; font?: string; zip?: boolean; json?: boolean }, cmd: Command) => {
      if (!FORMATS_BY_TYPE[opts.type].includes(opts.format)) {
        cmd.error(`error: --format ${opts.format} is not available for ${opts.type}; choose ${FORMATS_BY_TYPE[opts.type].join(' or ')}`, { exitCode: 2 });
      }
      const started = Date.now();
      let last = 0;
      const progress = (done: number) => {
        if (opts.json || !process.stderr.isTTY || Date.now() - last < 250) return;
        last = Date.now();
        process.stderr.write(`\r${done.toLocaleString('sv-SE')} / ${opts.records.toLocaleString('sv-SE')} poster`);
      };
      try {
        const packages = await generateDeliveries({
          type: opts.type,
          format: opts.format,
          records: opts.records,
          seed: opts.seed,
          outDir: resolve(opts.out),
          region: opts.region,
          recordsPerPackage: opts.recordsPerPackage,
          sourceSystem: opts.sourceSystem,
          fontPath: opts.font,
          zip: !!opts.zip,
          schemaCatalog: formatSettings().schemaCatalog,
          software: { name: 'Samarkiv generator', version: packageVersion() },
          onProgress: progress,
        });
        if (!opts.json && process.stderr.isTTY) process.stderr.write('\n');
        const seconds = (Date.now() - started) / 1000;
        print({ json: !!opts.json }, { packages, records: opts.records, seconds }, () =>
          [...packages.map((p) => `${p.path}  ${p.records} records, ${p.files} files, ${p.bytes} bytes`), `${opts.records} records in ${packages.length} package(s), ${seconds.toFixed(1)} s.`].join('\n'),
        );
      } catch (err) {
        if (err instanceof GeneratorError) cmd.error(`error: ${err.message}`, { exitCode: 2 });
        throw err;
      }
    });
}
