import { basename } from 'node:path';
import { DigestAlgorithm } from '@samarkiv/fixity';
import { DEFAULT_SOFTWARE, isoDate, metadataDiv, premisMdRef, softwareIdentifier, softwareMetsAgent, softwarePremisAgent } from './csip-common';
import { renderMinimalEad3 } from './ead3.builder';
import { IdSequence } from './id-sequence';
import { SIP_PROFILE, renderMets } from './mets.builder';
import { MetsDiv, MetsFileGroup, MetsMdRef } from './mets.model';
import { BuiltFile, PackageFiles, writeWholePackage } from './package-files';
import { createPackageOutput } from './package-output.writer';
import { PackageWriterError, PackageWriterErrorCode } from './package-writer.errors';
import { documentationGroup, writePackageDescription } from './package-description.builder';
import { renderPremis } from './premis.builder';
import { PremisAgent, PremisEvent, PremisObject } from './premis.model';
import { WrittenRepresentation, writeRepresentation } from './representation.writer';
import { resolveSchemas } from './schema-catalog';
import { sipAltRecordIds, sipMetsAgents } from './sip-agents';
import { PackageBuildResult, SipBuildOptions } from './sip.options';
import { assertSegment, listSourceFiles } from './source-tree';

/**
 * Builds an E-ARK SIP 2.2.0 (= FGS Paketstruktur 2.0) from folders of files: every file is hashed
 * while it is copied, then PREMIS and METS describe what was written. Folder or streamed ZIP.
 */
export async function buildSip(options: SipBuildOptions): Promise<PackageBuildResult> {
  validateSipOptions(options);
  const now = isoDate((options.clock ?? (() => new Date()))());
  const checksumType = options.checksumAlgorithm ?? 'SHA-256';
  const algorithms: DigestAlgorithm[] = [...new Set([checksumType, ...(options.extraDigests ?? [])])];
  const output = createPackageOutput({
    format: options.format ?? 'folder',
    parentDir: options.outputDir,
    rootName: options.objid,
    algorithms,
    durable: options.durable,
    mtime: new Date(now),
  });
  return writeWholePackage(output, checksumType, now, options.objid, (files) => writeSipContent(files, options, now));
}

async function writeSipContent(files: PackageFiles, options: SipBuildOptions, now: string): Promise<void> {
  const software = options.software ?? DEFAULT_SOFTWARE;
  const category = options.contentCategory ?? 'Mixed';
  const contentInformationType = options.contentInformationType ?? 'MIXED';
  const schemas = options.schemaCatalog === undefined ? [] : resolveSchemas(options.schemaCatalog, ['mets', 'xlink', 'csip', 'sip', 'premis']);
  const withSchemas = schemas.length > 0;

  const representations: WrittenRepresentation[] = [];
  for (const rep of options.representations) {
    representations.push(
      await writeRepresentation(files, {
        name: rep.name,
        files: listSourceFiles(rep.sourceDir),
        contentCategory: category,
        otherContentCategory: options.otherContentCategory,
        contentInformationType: rep.contentInformationType ?? contentInformationType,
        otherContentInformationType: rep.otherContentInformationType ?? options.otherContentInformationType,
        profile: SIP_PROFILE,
        oaisPackageType: 'SIP',
        recordStatus: options.recordStatus ?? 'NEW',
        software,
        schemasPath: withSchemas ? '../../schemas/' : undefined,
        formatOf: options.formatOf && ((path) => options.formatOf?.(rep.name, path)),
        eventDateTime: now,
      }),
    );
  }

  const ids = new IdSequence();
  const dmdSecs: MetsMdRef[] = [];
  for (const md of await writeDescriptive(files, options, software.name, now)) {
    dmdSecs.push({ ...files.facts(md.file), id: ids.next('dmd'), mdType: md.mdType, otherMdType: md.otherMdType, mdTypeVersion: md.mdTypeVersion, status: 'CURRENT' });
  }
  const documentation: BuiltFile[] = [];
  for (const source of options.documentation ?? []) documentation.push(await files.copy(source, `documentation/${basename(source)}`));
  if (documentation.length === 0) {
    const lines = representations.map((rep) => `Representation ${rep.name}: ${rep.data.length} files, ${rep.data.reduce((n, f) => n + f.size, 0)} bytes`);
    if (options.submissionAgreement !== undefined) lines.push(`Submission agreement: ${options.submissionAgreement}`);
    documentation.push(await writePackageDescription(files, { packageType: 'SIP', objid: options.objid, label: options.label, created: now, software: `${software.name} ${software.version}`, lines }));
  }
  const schemaFiles: BuiltFile[] = [];
  for (const schema of schemas) schemaFiles.push(await files.copy(schema.source, `schemas/${schema.fileName}`, 'application/xml'));

  const premis = await files.write('metadata/preservation/premis.xml', rootPremis(options, representations, now), 'application/xml');
  const digiprov = premisMdRef(files, premis, ids.next('digiprov'));

  const groups: MetsFileGroup[] = [];
  const divs: MetsDiv[] = [metadataDiv(ids.next('div'), dmdSecs.map((d) => d.id), [digiprov.id])];
  const docs = documentationGroup(files, documentation, ids);
  groups.push(docs.group);
  divs.push(docs.div);
  if (schemaFiles.length > 0) {
    const group = { id: ids.next('filegrp'), use: 'Schemas', files: schemaFiles.map((f) => ({ ...files.facts(f), id: ids.next('file') })) };
    groups.push(group);
    divs.push({ id: ids.next('div'), label: 'Schemas', fptrs: [group.id] });
  }
  for (const [i, rep] of representations.entries()) {
    const input = options.representations[i];
    const group: MetsFileGroup = {
      id: ids.next('filegrp'),
      use: `Representations/${rep.name}`,
      contentInformationType: input.contentInformationType ?? contentInformationType,
      otherContentInformationType: input.otherContentInformationType ?? options.otherContentInformationType,
      files: [{ ...files.facts(rep.mets), id: ids.next('file') }],
    };
    groups.push(group);
    divs.push({ id: ids.next('div'), label: `Representations/${rep.name}`, mptrs: [{ href: rep.mets.path, title: group.id }], fptrs: [group.id] });
  }

  const mets = renderMets({
    objid: options.objid,
    label: options.label,
    type: category,
    otherType: options.otherContentCategory,
    contentInformationType,
    otherContentInformationType: options.otherContentInformationType,
    profile: SIP_PROFILE,
    createDate: now,
    recordStatus: options.recordStatus ?? 'NEW',
    oaisPackageType: 'SIP',
    agents: [softwareMetsAgent(software), ...sipMetsAgents(options.agents)],
    altRecordIds: sipAltRecordIds(options),
    dmdSecs,
    rightsMds: [],
    digiprovMds: [digiprov],
    amdSecId: ids.next('amdsec'),
    fileSecId: ids.next('filesec'),
    fileGroups: groups,
    structMapId: ids.next('structmap'),
    structRoot: { id: ids.next('div'), label: options.objid, divs },
    schemasPath: withSchemas ? 'schemas/' : undefined,
  });
  await files.write('METS.xml', mets, 'application/xml');
}

interface WrittenMetadata {
  file: BuiltFile;
  mdType: string;
  otherMdType?: string;
  mdTypeVersion?: string;
}

async function writeDescriptive(files: PackageFiles, options: SipBuildOptions, software: string, now: string): Promise<WrittenMetadata[]> {
  const inputs = options.descriptiveMetadata ?? [];
  if (inputs.length === 0) {
    const ead = renderMinimalEad3({
      recordId: options.objid,
      title: options.label ?? options.objid,
      agencyName: options.agents.submittingAgent.name,
      creatorName: options.agents.archivalCreator?.name,
      referenceCode: options.referenceCode,
      createdAt: now,
      software,
    });
    return [{ file: await files.write('metadata/descriptive/ead.xml', ead, 'application/xml'), mdType: 'EAD', mdTypeVersion: '3' }];
  }
  const out: WrittenMetadata[] = [];
  for (const md of inputs) {
    const name = md.fileName ?? basename(md.source);
    assertSegment(name, 'descriptive metadata file name');
    out.push({ file: await files.copy(md.source, `metadata/descriptive/${name}`, 'application/xml'), mdType: md.mdType, otherMdType: md.otherMdType, mdTypeVersion: md.mdTypeVersion });
  }
  return out;
}

/** Package-level PREMIS: the intellectual entity, its representations, the packaging event and the agents. */
function rootPremis(options: SipBuildOptions, representations: WrittenRepresentation[], now: string): Buffer {
  const software = options.software ?? DEFAULT_SOFTWARE;
  const entity = { type: 'local', value: options.objid };
  const event = { type: 'local', value: `${options.objid}/event/creation` };
  const objects: PremisObject[] = [
    { kind: 'intellectualEntity', xmlId: 'object-entity', identifier: entity, originalName: options.label, linkingEvents: [event] },
    ...representations.map<PremisObject>((rep, i) => ({
      kind: 'representation',
      xmlId: `object-rep-${String(i + 1).padStart(4, '0')}`,
      identifier: { type: 'local', value: `representations/${rep.name}` },
      originalName: rep.name,
      contentLocation: `representations/${rep.name}/data`,
      relationships: [{ type: 'structural', subType: 'represents', related: entity }],
    })),
  ];
  const agents: PremisAgent[] = [softwarePremisAgent(software)];
  const submitter = { type: 'local', value: `organisation:${options.agents.submittingAgent.organisationNumber ?? options.agents.submittingAgent.name}` };
  agents.push({ xmlId: 'agent-submitter', identifier: submitter, name: options.agents.submittingAgent.name, type: options.agents.submittingAgent.type === 'INDIVIDUAL' ? 'person' : 'organization' });
  const earlier = provenanceEvents(options, entity, agents);
  return renderPremis(
    {
      objects,
      events: [
        {
          xmlId: 'event-0001',
          identifier: event,
          type: 'creation',
          dateTime: now,
          detail: 'E-ARK SIP 2.2.0 package created',
          outcome: 'success',
          agents: [
            { ...softwareIdentifier(software), role: 'executing program' },
            { ...submitter, role: 'implementer' },
          ],
          objects: [{ ...entity, role: 'outcome' }],
        },
        ...earlier,
      ],
      agents,
      rights: [],
    },
    options.schemaCatalog === undefined ? undefined : '../../schemas/premis.xsd',
  );
}

/** The content's earlier events, each linked to the entity, with their agents added once each. */
function provenanceEvents(options: SipBuildOptions, entity: { type: string; value: string }, agents: PremisAgent[]): PremisEvent[] {
  const known = new Map<string, PremisAgent>();
  return (options.provenance ?? []).map((e, i) => {
    const linked: PremisEvent['agents'] = [];
    if (e.agent) {
      let agent = known.get(e.agent.identifier);
      if (!agent) {
        agent = { xmlId: `agent-provenance-${String(known.size + 1).padStart(4, '0')}`, identifier: { type: 'local', value: e.agent.identifier }, name: e.agent.name, type: e.agent.type };
        known.set(e.agent.identifier, agent);
        agents.push(agent);
      }
      linked.push({ ...agent.identifier, role: 'implementer' });
    }
    return {
      xmlId: `event-provenance-${String(i + 1).padStart(4, '0')}`,
      identifier: { type: 'local', value: e.identifier },
      type: e.type,
      dateTime: e.dateTime,
      detail: e.detail,
      outcome: e.outcome,
      outcomeDetail: e.outcomeDetail,
      agents: linked,
      objects: [{ ...entity, role: 'source' }],
    };
  });
}

function validateSipOptions(options: SipBuildOptions): void {
  assertSegment(options.objid, 'objid');
  if (options.representations.length === 0) throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, 'a SIP needs at least one representation');
  const names = new Set<string>();
  for (const rep of options.representations) {
    assertSegment(rep.name, 'representation name');
    if (names.has(rep.name)) throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, `duplicate representation name: ${rep.name}`);
    names.add(rep.name);
  }
  if (options.agents.submittingAgent.name.trim() === '') throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, 'the submitting agent needs a name (SIP15–18)');
  if ((options.contentCategory ?? 'Mixed').toUpperCase() === 'OTHER' && !options.otherContentCategory) {
    throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, 'content category Other needs otherContentCategory (CSIP3)');
  }
  if ((options.contentInformationType ?? 'MIXED') === 'OTHER' && !options.otherContentInformationType) {
    throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, 'content information type OTHER needs otherContentInformationType (CSIP5)');
  }
}
