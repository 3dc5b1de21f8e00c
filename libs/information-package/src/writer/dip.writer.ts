import { basename } from 'node:path';
import { DEFAULT_SOFTWARE, isoDate, metadataDiv, premisMdRef, softwareIdentifier, softwareMetsAgent, softwarePremisAgent } from './csip-common';
import { DipRecordInput, WriteDipOptions } from './dip.options';
import { IdSequence, idFragment } from './id-sequence';
import { DIP_PROFILE, renderMets } from './mets.builder';
import { MetsAgent, MetsDiv, MetsFileGroup, MetsMdRef } from './mets.model';
import { BuiltFile, PackageFiles, writeWholePackage } from './package-files';
import { createPackageOutput } from './package-output.writer';
import { PackageWriterError, PackageWriterErrorCode } from './package-writer.errors';
import { documentationGroup, writePackageDescription } from './package-description.builder';
import { renderPremis } from './premis.builder';
import { PremisAgent, PremisLinkedAgent, PremisObject } from './premis.model';
import { WrittenRepresentation, writeRepresentation } from './representation.writer';
import { resolveSchemas } from './schema-catalog';
import { PackageBuildResult } from './sip.options';
import { assertSegment } from './source-tree';

/**
 * Writes an E-ARK DIP of selected records: one dmdSec per record (its canonical metadata), one
 * representation per record with files, and PREMIS that records the dissemination and where each
 * record came from. Folder or streamed ZIP.
 */
export async function writeDip(options: WriteDipOptions): Promise<PackageBuildResult> {
  assertSegment(options.objid, 'objid');
  if (options.records.length === 0) throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, 'a DIP needs at least one record');
  const now = isoDate((options.clock ?? (() => new Date()))());
  const checksumType = options.checksumAlgorithm ?? 'SHA-256';
  const output = createPackageOutput({ format: options.format ?? 'folder', parentDir: options.outputDir, rootName: options.objid, algorithms: [checksumType], durable: options.durable, mtime: new Date(now) });
  return writeWholePackage(output, checksumType, now, options.objid, (files) => writeDipContent(files, options, now));
}

interface PlacedRecord {
  record: DipRecordInput;
  folder: string;
  metadata: BuiltFile;
  representation?: WrittenRepresentation;
}

async function writeDipContent(files: PackageFiles, options: WriteDipOptions, now: string): Promise<void> {
  const software = options.software ?? DEFAULT_SOFTWARE;
  const category = options.contentCategory ?? 'Mixed';
  const contentInformationType = options.contentInformationType ?? 'MIXED';
  const schemas = options.schemaCatalog === undefined ? [] : resolveSchemas(options.schemaCatalog, ['mets', 'xlink', 'csip', 'premis']);
  const folders = uniqueFolders(options.records);
  const placed: PlacedRecord[] = [];
  for (const [i, record] of options.records.entries()) {
    const folder = folders[i];
    const metadata =
      record.metadata.format === 'json'
        ? await files.write(`metadata/descriptive/${folder}.json`, Buffer.from(JSON.stringify(record.metadata.content, null, 2) + '\n', 'utf8'), 'application/json')
        : await files.write(`metadata/descriptive/${folder}.xml`, Buffer.from(record.metadata.content, 'utf8'), 'application/xml');
    const representation =
      record.files.length === 0
        ? undefined
        : await writeRepresentation(files, {
            name: folder,
            files: record.files.map((f) => {
              const name = f.name ?? basename(f.source);
              assertSegment(name, 'record file name');
              return { absolute: f.source, relative: name };
            }),
            contentCategory: category,
            otherContentCategory: options.otherContentCategory,
            contentInformationType,
            otherContentInformationType: options.otherContentInformationType,
            profile: DIP_PROFILE,
            oaisPackageType: 'DIP',
            software,
            schemasPath: schemas.length > 0 ? '../../schemas/' : undefined,
            eventDateTime: now,
          });
    placed.push({ record, folder, metadata, representation });
  }
  const schemaFiles: BuiltFile[] = [];
  for (const schema of schemas) schemaFiles.push(await files.copy(schema.source, `schemas/${schema.fileName}`, 'application/xml'));
  const premis = await files.write('metadata/preservation/premis.xml', dipPremis(options, placed, now, schemas.length > 0), 'application/xml');
  const description = await writePackageDescription(files, {
    packageType: 'DIP',
    objid: options.objid,
    label: options.label,
    created: now,
    software: `${software.name} ${software.version}`,
    lines: [
      `Disseminated by ${options.provenance.disseminator.name}${options.provenance.purpose ? ` for: ${options.provenance.purpose}` : ''}`,
      ...placed.map((p) => `Record ${p.record.id} (${p.record.informationType}): metadata ${p.metadata.path}${p.representation ? `, files representations/${p.folder}/data/` : ''}`),
    ],
  });

  const ids = new IdSequence();
  const dmdSecs: MetsMdRef[] = placed.map((p) => {
    const md = p.record.metadata;
    const xml = md.format === 'xml';
    return {
      ...files.facts(p.metadata),
      id: ids.next('dmd'),
      mdType: xml ? (md.mdType ?? 'OTHER') : 'OTHER',
      otherMdType: xml ? md.otherMdType : 'Samarkiv canonical record (JSON)',
      mdTypeVersion: xml ? md.mdTypeVersion : undefined,
      status: 'CURRENT',
      label: `${p.record.informationType}: ${p.record.id}`,
    };
  });
  const digiprov = premisMdRef(files, premis, ids.next('digiprov'));
  const groups: MetsFileGroup[] = [];
  const divs: MetsDiv[] = [metadataDiv(ids.next('div'), dmdSecs.map((d) => d.id), [digiprov.id])];
  const docs = documentationGroup(files, [description], ids);
  groups.push(docs.group);
  divs.push(docs.div);
  if (schemaFiles.length > 0) {
    const group = { id: ids.next('filegrp'), use: 'Schemas', files: schemaFiles.map((f) => ({ ...files.facts(f), id: ids.next('file') })) };
    groups.push(group);
    divs.push({ id: ids.next('div'), label: 'Schemas', fptrs: [group.id] });
  }
  placed.forEach((p, i) => {
    if (p.representation === undefined) return;
    const group: MetsFileGroup = {
      id: ids.next('filegrp'),
      use: `Representations/${p.folder}`,
      contentInformationType,
      otherContentInformationType: options.otherContentInformationType,
      files: [{ ...files.facts(p.representation.mets), id: ids.next('file') }],
    };
    groups.push(group);
    divs.push({
      id: ids.next('div'),
      label: `Representations/${p.folder}`,
      dmdIds: [dmdSecs[i].id],
      mptrs: [{ href: p.representation.mets.path, title: group.id }],
      fptrs: [group.id],
    });
  });
  const disseminator: MetsAgent = {
    role: 'DISSEMINATOR',
    type: 'ORGANIZATION',
    name: options.provenance.disseminator.name,
    notes: orgNotes(options.provenance.disseminator),
  };
  const mets = renderMets({
    objid: options.objid,
    label: options.label,
    type: category,
    otherType: options.otherContentCategory,
    contentInformationType,
    otherContentInformationType: options.otherContentInformationType,
    profile: DIP_PROFILE,
    createDate: now,
    recordStatus: 'NEW',
    oaisPackageType: 'DIP',
    agents: [softwareMetsAgent(software), disseminator],
    altRecordIds: [],
    dmdSecs,
    rightsMds: [],
    digiprovMds: [digiprov],
    amdSecId: ids.next('amdsec'),
    fileSecId: ids.next('filesec'),
    fileGroups: groups,
    structMapId: ids.next('structmap'),
    structRoot: { id: ids.next('div'), label: options.objid, divs },
    schemasPath: schemas.length > 0 ? 'schemas/' : undefined,
  });
  await files.write('METS.xml', mets, 'application/xml');
}

function dipPremis(options: WriteDipOptions, placed: PlacedRecord[], now: string, withSchemas: boolean): Buffer {
  const software = options.software ?? DEFAULT_SOFTWARE;
  const { provenance } = options;
  const disseminator = { type: 'local', value: `organisation:${provenance.disseminator.organisationNumber ?? provenance.disseminator.identificationCode ?? provenance.disseminator.name}` };
  const agents: PremisAgent[] = [softwarePremisAgent(software), { xmlId: 'agent-disseminator', identifier: disseminator, name: provenance.disseminator.name, type: 'organization' }];
  const linked: PremisLinkedAgent[] = [
    { ...softwareIdentifier(software), role: 'executing program' },
    { ...disseminator, role: 'implementer' },
  ];
  if (provenance.requester) {
    const requester = { type: 'local', value: `${provenance.requester.type}:${provenance.requester.name}` };
    agents.push({ xmlId: 'agent-requester', identifier: requester, name: provenance.requester.name, type: provenance.requester.type });
    linked.push({ ...requester, role: 'recipient' });
  }
  const event = { type: 'local', value: `${options.objid}/event/dissemination` };
  const objects: PremisObject[] = placed.map((p, i) => ({
    kind: 'intellectualEntity',
    xmlId: `object-record-${String(i + 1).padStart(4, '0')}`,
    identifier: { type: 'local', value: p.record.id },
    originalName: `${p.record.informationType}: ${p.record.id}`,
    relationships: [p.record.sourceAipId, p.record.sourceDeliveryId]
      .filter((v): v is string => v !== undefined)
      .map((value) => ({ type: 'derivation', subType: 'has source', related: { type: 'local', value } })),
    linkingEvents: [event],
  }));
  const detail = [provenance.purpose, provenance.decisionReference && `decision ${provenance.decisionReference}`].filter(Boolean).join('; ');
  return renderPremis(
    {
      objects,
      events: [
        {
          xmlId: 'event-0001',
          identifier: event,
          type: 'dissemination',
          dateTime: now,
          detail: detail === '' ? undefined : detail,
          outcome: 'success',
          agents: linked,
          objects: objects.map((o) => ({ ...o.identifier, role: 'source' })),
        },
      ],
      agents,
      rights: [],
    },
    withSchemas ? '../../schemas/premis.xsd' : undefined,
  );
}

/** Representation folder per record: the id made file-name safe, made unique in input order. */
function uniqueFolders(records: DipRecordInput[]): string[] {
  const used = new Set<string>();
  return records.map((r) => {
    const base = idFragment(r.id);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return name;
  });
}

function orgNotes(org: WriteDipOptions['provenance']['disseminator']): MetsAgent['notes'] {
  const code = org.organisationNumber !== undefined ? `ORG:${org.organisationNumber}` : org.identificationCode;
  return code === undefined ? [] : [{ text: code, noteType: 'IDENTIFICATIONCODE' }];
}
