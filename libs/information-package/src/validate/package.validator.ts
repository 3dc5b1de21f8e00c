import type { FixityResult } from '@samarkiv/fixity';
import { join } from 'node:path';
import { Finding, FindingSink, ValidationResult } from '../model/finding';
import { validateBag } from '../bagit/bagit.validator';
import { Detection, detectKind } from '../detect/package-kind.detector';
import { checkReferences, unreferencedFiles } from '../fixity/reference.checker';
import { PackageListing } from '../reader/folder.walker';
import { openPackage, OpenPackageOptions } from '../reader/package.opener';
import { fileSecRule } from '../rules/csip/file-sec.rule';
import { identifiersRule } from '../rules/csip/identifiers.rule';
import { metadataSectionsRule } from '../rules/csip/metadata-sections.rule';
import { metsHdrRule } from '../rules/csip/mets-hdr.rule';
import { metsRootRule } from '../rules/csip/mets-root.rule';
import { structMapRule } from '../rules/csip/struct-map.rule';
import { checkMetadataPlacement, checkStructure } from '../rules/csip/structure.rule';
import { fgsPackageRule } from '../rules/fgs/fgs-package.rule';
import { MetsRule, MetsScope, RuleContext } from '../rules/rule-context';
import { sipHeaderRule } from '../rules/sip/sip-header.rule';
import { EARK_METS, FGS_METS } from '../schema/schema-sets';
import { MetsDocument } from '../xml/mets.model';
import { parseMets } from '../xml/mets.parser';
import { CSIP_NS } from '../xml/namespaces';
import { DoctypeRefused } from '../xml/xml-stream';
import { checkSchemas, SchemaTarget } from './schema.check';
import { XsdValidator } from '../schema/xsd.validator';

export interface ValidateOptions extends OpenPackageOptions {
  /** OASIS XML catalog mapping schema URLs to local files; without it XSD validation is skipped with a warning. */
  catalog?: string;
  /** Documents larger than this (bytes) are schema-validated by streaming (xmllint --stream). */
  xsdInMemoryLimit?: number;
  /**
   * Digests the caller already computed while it wrote the files (e.g. when it unpacked them), by
   * path relative to the package root: a referenced file whose size and every needed digest are
   * known is not read again.
   */
  knownDigests?: ReadonlyMap<string, FixityResult>;
  /** A long-running caller: keep a schema-validation child started for the next validation. */
  keepSchemaValidatorWarm?: boolean;
}

export const CSIP_RULES: MetsRule[] = [metsRootRule, metsHdrRule, metadataSectionsRule, fileSecRule, structMapRule, identifiersRule];

async function loadMets(rootDir: string, rel: string, sink: FindingSink): Promise<MetsDocument | undefined> {
  try {
    const doc = await parseMets(join(rootDir, rel), rel);
    if (!doc.rootIsMets) sink.error('METS-ROOT', rel, 'The root element is not mets in the METS namespace (http://www.loc.gov/METS/).');
    return doc;
  } catch (err) {
    sink.error(err instanceof DoctypeRefused ? 'XML-DOCTYPE' : 'XML-WELLFORMED', rel, `${(err as Error).message}.`);
    return undefined;
  }
}

/** Once its rules ran, a METS model's per-file data is dead weight for the fixity pass. */
function releaseBulk(doc: MetsDocument): void {
  doc.files.length = 0;
  doc.ids.clear();
  doc.idrefs.length = 0;
}

function rootMetsName(listing: PackageListing): string | undefined {
  for (const name of ['METS.xml', 'sip.xml', 'mets.xml']) if (listing.files.has(name)) return name;
  return [...listing.files.keys()].find((p) => !p.includes('/') && p.toLowerCase() === 'mets.xml');
}

/** Narrows a listing to a sub-folder, e.g. the package inside a bag's data/ folder. */
function subListing(listing: PackageListing, prefix: string): PackageListing {
  const files = new Map();
  for (const [p, f] of listing.files) if (p.startsWith(prefix)) files.set(p.slice(prefix.length), f);
  const dirs = new Set<string>();
  for (const d of listing.dirs) if (d.startsWith(prefix)) dirs.add(d.slice(prefix.length));
  return { files, dirs };
}

function result(sink: FindingSink, detection: Pick<Detection, 'kind' | 'version'>): ValidationResult {
  const order = { error: 0, warning: 1, info: 2 };
  const findings: Finding[] = [...sink.findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return { valid: !findings.some((f) => f.severity === 'error'), kind: detection.kind, version: detection.version, findings };
}

/** For a long-running caller that validates with keepSchemaValidatorWarm: have the first validation's schema child started now. */
export function warmSchemaValidator(catalog: string): void {
  new XsdValidator(catalog, undefined, true).warm();
}

/** Reads, detects and validates one package (folder, ZIP, TAR or .tar.gz). Never throws for bad input. */
export async function validatePackage(path: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const sink = new FindingSink();
  const opened = await openPackage(path, sink, options);
  try {
    if (!opened.root) return result(sink, { kind: 'unknown', version: null });
    let rootDir = opened.root;
    let rootName = opened.rootName;
    let listing = opened.listing;
    if (listing.files.has('bagit.txt')) {
      validateBag(rootDir, listing.files, sink);
      const inner = [...listing.dirs].filter((d) => d.startsWith('data/') && d.split('/').length === 2);
      const dataHasMets = rootMetsName(subListing(listing, 'data/')) !== undefined;
      if (!dataHasMets && inner.length !== 1) {
        sink.info('BAGIT', 'data/', 'The bag does not carry a single information package in data/; only the bag was validated.');
        return result(sink, { kind: 'BagIt', version: '1.0' });
      }
      const prefix = dataHasMets ? 'data/' : `${inner[0]}/`;
      rootDir = join(rootDir, prefix);
      rootName = dataHasMets ? rootName : inner[0].slice('data/'.length);
      listing = subListing(listing, prefix);
      sink.info('BAGIT', prefix, `Package transported in a BagIt bag; validating the package in ${prefix}.`);
    }
    return await validateOpened(rootDir, rootName, listing, sink, options);
  } catch (err) {
    sink.error('READ-IO', path, `Validation stopped: ${(err as Error).message}`);
    return result(sink, { kind: 'unknown', version: null });
  } finally {
    await opened.dispose();
  }
}

async function validateOpened(rootDir: string, rootName: string, listing: PackageListing, sink: FindingSink, options: ValidateOptions): Promise<ValidationResult> {
  const rootFile = rootMetsName(listing);
  const rootDoc = rootFile ? await loadMets(rootDir, rootFile, sink) : undefined;
  const detection = detectKind(rootFile ?? 'METS.xml', rootDoc);
  const ctx = new RuleContext(sink, rootDir, rootName, listing, detection.rulesVersion);
  sink.info('DETECT', rootFile ?? '', `Detected ${detection.kind}${detection.version ? ` ${detection.version}` : ''} from ${detection.basis}.`);
  if (detection.family === 'eark' && detection.version === null && rootDoc) {
    sink.warning('DETECT', rootFile ?? '', 'The package names no E-ARK 2.x profile; it was validated against CSIP/SIP 2.2.0.');
  }
  const schemaTargets: SchemaTarget[] = [];
  const metsFiles: string[] = [];
  if (detection.family === 'fgs') {
    if (!rootFile) ctx.report('FGS1', '', 'The package root has no mets.xml or sip.xml.');
    if (rootDoc && rootFile) {
      fgsPackageRule.check({ doc: rootDoc, isRoot: true, baseDir: '' }, ctx);
      identifiersRule.check({ doc: rootDoc, isRoot: true, baseDir: '' }, ctx);
      schemaTargets.push({ path: rootFile, set: FGS_METS });
    }
  } else {
    checkStructure(ctx, rootDoc);
    const isSip = detection.kind === 'E-ARK SIP';
    const runRules = (scope: MetsScope): void => {
      metsFiles.push(scope.doc.file);
      if (!scope.doc.rootIsMets) return;
      if (scope.doc.csipNamespaceUri && scope.doc.csipNamespaceUri !== CSIP_NS) {
        sink.warning('METS-NS', scope.doc.file, `The CSIP extension namespace is written "${scope.doc.csipNamespaceUri}"; the schema's namespace is "${CSIP_NS}" (XML namespaces are case-sensitive).`);
      }
      for (const rule of CSIP_RULES) rule.check(scope, ctx);
      if (isSip) sipHeaderRule.check(scope, ctx);
      checkMetadataPlacement(ctx, scope.doc, scope.baseDir);
      schemaTargets.push({ path: scope.doc.file, set: EARK_METS });
      releaseBulk(scope.doc);
    };
    if (rootDoc && rootFile) runRules({ doc: rootDoc, isRoot: true, baseDir: '' });
    const repMets = [...listing.files.keys()].filter((p) => /^representations\/[^/]+\/METS\.xml$/.test(p)).sort();
    for (const rel of repMets) {
      const doc = await loadMets(rootDir, rel, sink);
      if (doc) runRules({ doc, isRoot: false, baseDir: rel.slice(0, -'METS.xml'.length) });
    }
  }
  // Schema validation runs in a child process: start it first so it overlaps the hashing pass.
  const schemaCheck = checkSchemas(rootDir, listing.files, schemaTargets, sink, options.catalog, options.xsdInMemoryLimit, options.keepSchemaValidatorWarm);
  await checkReferences(ctx, options.knownDigests);
  const unreferenced = unreferencedFiles(ctx, detection.family === 'fgs' ? (rootFile ? [rootFile] : []) : metsFiles);
  for (const p of unreferenced) {
    if (detection.family === 'fgs') ctx.report('FGS13', p, 'File is in the package but not listed in the METS fileSec.');
    else ctx.report('CSIP58', p, 'File is in the package but no METS fileSec or mdRef references it.');
  }
  await schemaCheck;
  return result(sink, detection);
}
