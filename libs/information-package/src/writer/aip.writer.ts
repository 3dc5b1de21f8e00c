import { basename } from 'node:path';
import { statSync } from 'node:fs';
import { AipFileFact, WriteAipOptions } from './aip.options';
import { renderAipPremis } from './aip-premis.builder';
import { DEFAULT_SOFTWARE, isoDate, metadataDiv, premisMdRef, softwareMetsAgent } from './csip-common';
import { IdSequence, idFragment } from './id-sequence';
import { mediaTypeOf } from './media-type';
import { AIP_PROFILE, renderMets } from './mets.builder';
import { MetsDiv, MetsFile, MetsFileGroup, MetsMdRef } from './mets.model';
import { BuiltFile, PackageFiles } from './package-files';
import { FolderPackageOutput } from './package-output.writer';
import { PackageWriterError, PackageWriterErrorCode } from './package-writer.errors';
import { documentationGroup, writePackageDescription } from './package-description.builder';
import { resolveSchemas } from './schema-catalog';
import { PackageBuildResult } from './sip.options';
import { assertSegment, listSourceFiles } from './source-tree';

/**
 * Writes an E-ARK AIP around an ingested SIP: the SIP goes unchanged into `submission/<name>/`
 * (AIP-SUBMISSION-*), the AIP adds its own PREMIS in `metadata/preservation/` and a root METS
 * (OAISPACKAGETYPE=AIP) that describes every file with the digests the pipeline computed.
 */
export async function writeAip(options: WriteAipOptions): Promise<PackageBuildResult> {
  const now = isoDate((options.clock ?? (() => new Date()))());
  const checksumType = options.checksumAlgorithm ?? 'SHA-256';
  const rootName = options.folderName ?? folderNameFor(options.objid);
  assertSegment(rootName, 'AIP folder name');
  const submissionName = options.submissionName ?? basename(options.sipDir);
  assertSegment(submissionName, 'submission folder name');
  const sipFiles = checkFacts(options);
  const output = new FolderPackageOutput({ format: 'folder', parentDir: options.targetDir, rootName, algorithms: [...new Set([checksumType, ...(options.extraDigests ?? [])])], durable: options.durable, mtime: new Date(now) });
  try {
    const files = new PackageFiles(output, checksumType, now);
    const submissionBase = `submission/${submissionName}`;
    output.placeTree(options.sipDir, submissionBase, sipFiles, options.sipTransfer ?? 'copy');
    await writeAipMetadata(files, options, submissionBase, now);
    const result = await output.finish();
    const sipBuilt: BuiltFile[] = options.files.map((f) => ({ path: `${submissionBase}/${f.path}`, size: f.size, mimeType: f.mimeType ?? mediaTypeOf(f.path), digests: f.digests }));
    return { path: result.path, objid: options.objid, files: [...sipBuilt, ...files.files], bytes: result.bytes };
  } catch (error) {
    await output.abort();
    throw error;
  }
}

/** The facts must describe exactly the files of the SIP, with the right sizes and the AIP's checksum type. */
function checkFacts(options: WriteAipOptions): string[] {
  const checksumType = options.checksumAlgorithm ?? 'SHA-256';
  const onDisk = listSourceFiles(options.sipDir);
  const facts = new Map(options.files.map((f) => [f.path, f]));
  if (facts.size !== options.files.length) throw new PackageWriterError(PackageWriterErrorCode.DuplicatePath, 'the file facts name a path twice');
  for (const file of onDisk) {
    const fact = facts.get(file.relative);
    if (fact === undefined) throw new PackageWriterError(PackageWriterErrorCode.MissingFile, `no facts for SIP file ${file.relative}`);
    if (statSync(file.absolute).size !== fact.size) throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, `size of ${file.relative} differs from its facts`);
    if (fact.digests[checksumType] === undefined) throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, `no ${checksumType} digest for ${file.relative}`);
    facts.delete(file.relative);
  }
  const missing = [...facts.keys()];
  if (missing.length > 0) throw new PackageWriterError(PackageWriterErrorCode.MissingFile, `facts name files that are not in the SIP: ${missing.slice(0, 3).join(', ')}`);
  return onDisk.map((f) => f.relative);
}

async function writeAipMetadata(files: PackageFiles, options: WriteAipOptions, submissionBase: string, now: string): Promise<void> {
  const software = options.software ?? DEFAULT_SOFTWARE;
  const schemas = options.schemaCatalog === undefined ? [] : resolveSchemas(options.schemaCatalog, ['mets', 'xlink', 'csip', 'premis']);
  const representations = [...new Set(options.files.flatMap((f) => /^representations\/([^/]+)\//.exec(f.path)?.[1] ?? []))].sort();
  const premis = await files.write(
    'metadata/preservation/premis.xml',
    renderAipPremis(options, submissionBase, representations, now, schemas.length > 0 ? '../../schemas/premis.xsd' : undefined),
    'application/xml',
  );
  const schemaFiles: BuiltFile[] = [];
  for (const schema of schemas) schemaFiles.push(await files.copy(schema.source, `schemas/${schema.fileName}`, 'application/xml'));
  const description = await writePackageDescription(files, {
    packageType: 'AIP',
    objid: options.objid,
    label: options.label,
    created: now,
    software: `${software.name} ${software.version}`,
    lines: [
      `Original submission, unchanged: ${submissionBase}/ (${options.files.length} files, ${options.files.reduce((n, f) => n + f.size, 0)} bytes)`,
      ...representations.map((rep) => `Representation ${rep}: ${submissionBase}/representations/${rep}/`),
      'Preservation metadata (PREMIS): metadata/preservation/premis.xml',
      ...(options.otherMetadata ?? []).map((o) => `${o.label ?? o.name}: metadata/other/${o.name}`),
    ],
  });

  const ids = new IdSequence();
  const fact = (f: AipFileFact): MetsFile => ({
    id: ids.next('file'),
    href: `${submissionBase}/${f.path}`,
    mimeType: f.mimeType ?? mediaTypeOf(f.path),
    size: f.size,
    created: now,
    checksum: f.digests[files.checksumType] as string,
    checksumType: files.checksumType,
  });
  // The submitted description stays where the SIP METS references it; AIP-level dmdSecs are for
  // metadata the archive adds later under metadata/descriptive/ (AIP-MD-PRIORITY), not for copies.
  const dmdSecs: MetsMdRef[] = [];
  const digiprov = premisMdRef(files, premis, ids.next('digiprov'));
  const techMds: MetsMdRef[] = [];
  for (const other of options.otherMetadata ?? []) {
    assertSegment(other.name, 'metadata file name');
    const built = await files.copy(other.source, `metadata/other/${other.name}`, other.mimeType);
    techMds.push({ ...files.facts(built), id: ids.next('techmd'), mdType: 'OTHER', otherMdType: other.otherMdType, status: 'CURRENT', label: other.label ?? other.name });
  }

  const groups: MetsFileGroup[] = [];
  const divs: MetsDiv[] = [metadataDiv(ids.next('div'), dmdSecs.map((d) => d.id), [...techMds.map((t) => t.id), digiprov.id])];
  const docs = documentationGroup(files, [description], ids);
  groups.push(docs.group);
  divs.push(docs.div);
  if (schemaFiles.length > 0) {
    const group = { id: ids.next('filegrp'), use: 'Schemas', files: schemaFiles.map((f) => ({ ...files.facts(f), id: ids.next('file') })) };
    groups.push(group);
    divs.push({ id: ids.next('div'), label: 'Schemas', fptrs: [group.id] });
  }
  const inRep = (f: AipFileFact): string | undefined => /^representations\/([^/]+)\//.exec(f.path)?.[1];
  const submissionGroup: MetsFileGroup = { id: ids.next('filegrp'), use: 'Submission', files: options.files.filter((f) => inRep(f) === undefined).map(fact) };
  groups.push(submissionGroup);
  divs.push({ id: ids.next('div'), label: 'Submission', mptrs: [{ href: `${submissionBase}/METS.xml`, title: submissionGroup.id }], fptrs: [submissionGroup.id] });
  for (const rep of representations) {
    const group: MetsFileGroup = {
      id: ids.next('filegrp'),
      use: `Representations/${rep}`,
      contentInformationType: options.contentInformationType ?? 'MIXED',
      otherContentInformationType: options.otherContentInformationType,
      files: options.files.filter((f) => inRep(f) === rep).map(fact),
    };
    groups.push(group);
    divs.push({
      id: ids.next('div'),
      label: `Representations/${rep}`,
      mptrs: [{ href: `${submissionBase}/representations/${rep}/METS.xml`, title: group.id }],
      fptrs: [group.id],
    });
  }
  const mets = renderMets({
    objid: options.objid,
    label: options.label,
    type: options.contentCategory ?? 'Mixed',
    otherType: options.otherContentCategory,
    contentInformationType: options.contentInformationType ?? 'MIXED',
    otherContentInformationType: options.otherContentInformationType,
    profile: AIP_PROFILE,
    createDate: now,
    recordStatus: 'NEW',
    oaisPackageType: 'AIP',
    agents: [
      softwareMetsAgent(software),
      {
        role: 'PRESERVATION',
        type: 'ORGANIZATION',
        name: options.preservationAgent.name,
        notes: preservationNotes(options),
      },
    ],
    altRecordIds: [],
    dmdSecs,
    rightsMds: [],
    digiprovMds: [digiprov],
    techMds,
    amdSecId: ids.next('amdsec'),
    fileSecId: ids.next('filesec'),
    fileGroups: groups,
    structMapId: ids.next('structmap'),
    structRoot: { id: ids.next('div'), label: options.objid, divs },
    schemasPath: schemas.length > 0 ? 'schemas/' : undefined,
  });
  await files.write('METS.xml', mets, 'application/xml');
}

/** CSIPSTR2: the folder is named after the OBJID where that is a usable file name. */
function folderNameFor(objid: string): string {
  try {
    assertSegment(objid, 'objid');
    return objid;
  } catch {
    return idFragment(objid);
  }
}

function preservationNotes(options: WriteAipOptions): Array<{ text: string; noteType: 'IDENTIFICATIONCODE' }> {
  const agent = options.preservationAgent;
  const code = agent.organisationNumber !== undefined ? `ORG:${agent.organisationNumber}` : agent.identificationCode;
  return code === undefined ? [] : [{ text: code, noteType: 'IDENTIFICATIONCODE' }];
}
