import { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { buildSip, SipMetadataInput } from '@samarkiv/information-package';
import { formatSettings } from '../../platform/config/settings';
import { packageVersion } from '../../platform/paths';
import { print } from '../output';

const many = (v: string, prev: string[] = []) => [...prev, v];

/** Producers' tool: a folder of files (and metadata) → an E-ARK SIP 2.2.0 / FGS 2.0 package. */
export function sipCommand(): Command {
  const sip = new Command('sip').description('Build submission packages (E-ARK SIP 2.2.0 = FGS Paketstruktur 2.0)');
  sip
    .command('create')
    .description('Write a SIP from one folder per representation')
    .requiredOption('--objid <id>', 'package identifier (also the root folder name)')
    .requiredOption('--data <dir>', 'folder of files for representation rep1 (repeat as --data name=dir for more)', many)
    .requiredOption('--out <dir>', 'where to write <objid>/ or <objid>.zip')
    .requiredOption('--submitter <name>', 'submitting organisation (mandatory agent)')
    .option('--submitter-org-number <nnnnnn-nnnn>', "submitter's organisationsnummer")
    .option('--creator <name>', 'archival creator (the organisation whose records these are)')
    .option('--creator-org-number <nnnnnn-nnnn>', "archival creator's organisationsnummer")
    .option('--contact <name>', 'contact person')
    .option('--preservation <name>', 'the archive that will preserve the package')
    .option('--label <text>', 'package label')
    .option('--agreement <ref>', 'submission agreement reference')
    .option('--reference-code <code>', 'reference code')
    .option('--content-category <type>', 'mets/@TYPE from the CSIP vocabulary', 'Mixed')
    .option('--content-information-type <type>', 'csip:CONTENTINFORMATIONTYPE, e.g. MIXED or citsehpj_v1_0', 'MIXED')
    .option('--descriptive <file>', 'descriptive metadata file (EAD unless --descriptive-type); repeatable', many)
    .option('--descriptive-type <mdtype>', 'METS MDTYPE of the descriptive files', 'EAD')
    .option('--documentation <file>', 'file for documentation/; repeatable', many)
    .option('--schemas <catalog>', 'XML catalog: copy the schemas used into schemas/ (default XML_SCHEMA_CATALOG)')
    .option('--zip', 'write a ZIP instead of a folder')
    .option('--json', 'machine-readable output')
    .action(async (opts: Record<string, string | string[] | boolean | undefined>) => {
      const data = (opts.data as string[]).map((d, i) => {
        const m = /^([A-Za-z0-9._-]+)=(.+)$/.exec(d);
        return m ? { name: m[1], sourceDir: resolve(m[2]) } : { name: `rep${i + 1}`, sourceDir: resolve(d) };
      });
      const descriptive: SipMetadataInput[] = ((opts.descriptive as string[] | undefined) ?? []).map((f) => ({ source: resolve(f), fileName: basename(f), mdType: String(opts.descriptiveType) }));
      const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
      const result = await buildSip({
        objid: String(opts.objid),
        outputDir: resolve(String(opts.out)),
        format: opts.zip ? 'zip' : 'folder',
        label: str('label'),
        contentCategory: str('contentCategory'),
        contentInformationType: str('contentInformationType'),
        representations: data,
        descriptiveMetadata: descriptive.length > 0 ? descriptive : undefined,
        documentation: ((opts.documentation as string[] | undefined) ?? []).map((f) => resolve(f)),
        agents: {
          submittingAgent: { name: String(opts.submitter), organisationNumber: str('submitterOrgNumber') },
          archivalCreator: str('creator') ? { name: str('creator')!, organisationNumber: str('creatorOrgNumber') } : undefined,
          contactPersons: str('contact') ? [{ name: str('contact')! }] : undefined,
          preservationAgent: str('preservation') ? { name: str('preservation')! } : undefined,
        },
        submissionAgreement: str('agreement'),
        referenceCode: str('referenceCode'),
        software: { name: 'Samarkiv', version: packageVersion() },
        schemaCatalog: str('schemas') ?? formatSettings().schemaCatalog,
      });
      print({ json: !!opts.json }, { path: result.path, objid: result.objid, files: result.files.length, bytes: result.bytes }, () =>
        `Wrote ${result.path} (${result.files.length} files, ${result.bytes} bytes).`,
      );
    });
  return sip;
}
