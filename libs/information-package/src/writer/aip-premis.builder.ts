import { DigestAlgorithm } from '@samarkiv/fixity';
import { DEFAULT_SOFTWARE, softwareIdentifier, softwarePremisAgent } from './csip-common';
import { AipFileFact, WriteAipOptions } from './aip.options';
import { PackageWriterError, PackageWriterErrorCode } from './package-writer.errors';
import { renderPremis } from './premis.builder';
import { PremisAgent, PremisEvent, PremisIdentifier, PremisLinkedAgent, PremisObject, PremisRightsStatement } from './premis.model';

const ALGORITHM_ORDER: DigestAlgorithm[] = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/**
 * The AIP's own PREMIS: one object per preserved file (fixity from the pipeline, PRONOM format),
 * the representations and the intellectual entity, the ingest events with their agents and linked
 * objects, the agents and the rights statements.
 */
export function renderAipPremis(options: WriteAipOptions, submissionBase: string, representations: string[], now: string, schemaPath?: string): Buffer {
  const software = options.software ?? DEFAULT_SOFTWARE;
  const entity: PremisIdentifier = { type: 'local', value: options.objid };
  const agentIds = new Map<string, PremisIdentifier>();
  const agents: PremisAgent[] = [softwarePremisAgent(software)];
  agentIds.set('software', softwareIdentifier(software));
  const preservation = { type: 'local', value: `organisation:${options.preservationAgent.organisationNumber ?? options.preservationAgent.identificationCode ?? options.preservationAgent.name}` };
  agentIds.set('preservation', preservation);
  agents.push({ xmlId: 'agent-preservation', identifier: preservation, name: options.preservationAgent.name, type: 'organization' });
  (options.otherAgents ?? []).forEach((agent, i) => {
    const id = { type: 'local', value: agent.identifier ?? `${agent.type}:${agent.name}` };
    agentIds.set(agent.key, id);
    agents.push({ xmlId: `agent-${String(i + 1).padStart(4, '0')}`, identifier: id, name: agent.name, type: agent.type, version: agent.version });
  });
  const linkAgents = (refs: Array<{ key: string; role: string }> | undefined, fallback: string): PremisLinkedAgent[] =>
    (refs ?? [{ key: 'software', role: fallback }]).map((ref) => {
      const id = agentIds.get(ref.key);
      if (id === undefined) throw new PackageWriterError(PackageWriterErrorCode.InvalidOption, `unknown agent key: ${ref.key}`);
      return { ...id, role: ref.role };
    });

  const fileId = (path: string): PremisIdentifier => ({ type: 'local', value: `${submissionBase}/${path}` });
  const events: PremisEvent[] = options.events.map((event, i) => ({
    xmlId: `event-${String(i + 1).padStart(4, '0')}`,
    identifier: { type: 'local', value: `${options.objid}/event/${i + 1}` },
    type: event.type,
    dateTime: event.dateTime,
    detail: event.detail,
    outcome: event.outcome,
    outcomeDetail: event.outcomeDetail,
    agents: linkAgents(event.agents, 'executing program'),
    objects: event.objects === undefined ? [{ ...entity, role: 'source' }] : event.objects.map((p) => ({ ...fileId(p), role: 'source' })),
  }));
  const rights: PremisRightsStatement[] = (options.rights ?? []).map((r, i) => ({
    xmlId: `rights-${String(i + 1).padStart(4, '0')}`,
    identifier: { type: 'local', value: `${options.objid}/rights/${i + 1}` },
    basis: r.basis,
    granted: r.granted,
    objects: [entity],
    agents: r.agents === undefined ? [] : linkAgents(r.agents, 'implementer'),
  }));
  // Sets, not arrays: an event may name every one of 100,000 files, and each file asks every event.
  const eventObjects = options.events.map((e) => (e.objects === undefined ? undefined : new Set(e.objects)));
  const eventsFor = (path?: string): PremisIdentifier[] =>
    eventObjects.flatMap((objects, i) => ((path === undefined ? objects === undefined : objects?.has(path)) ? [events[i].identifier] : []));

  const objects: PremisObject[] = [
    {
      kind: 'intellectualEntity',
      xmlId: 'object-entity',
      identifier: entity,
      originalName: options.label,
      linkingEvents: eventsFor(),
      linkingRights: rights.map((r) => r.identifier),
    },
    ...representations.map<PremisObject>((rep, i) => ({
      kind: 'representation',
      xmlId: `object-rep-${String(i + 1).padStart(4, '0')}`,
      identifier: { type: 'local', value: `${submissionBase}/representations/${rep}` },
      originalName: rep,
      contentLocation: `${submissionBase}/representations/${rep}/data`,
      relationships: [{ type: 'structural', subType: 'represents', related: entity }],
    })),
    ...options.files.map<PremisObject>((fact: AipFileFact, i) => ({
      kind: 'file',
      xmlId: `object-${String(i + 1).padStart(6, '0')}`,
      identifier: fileId(fact.path),
      fixity: ALGORITHM_ORDER.flatMap((algorithm) => {
        const digest = fact.digests[algorithm];
        return digest === undefined ? [] : [{ algorithm, digest }];
      }),
      size: fact.size,
      format: fact.format,
      originalName: fact.path,
      contentLocation: `${submissionBase}/${fact.path}`,
      relationships: [{ type: 'structural', subType: 'is included in', related: representationOf(fact.path, submissionBase) ?? entity }],
      linkingEvents: eventsFor(fact.path),
    })),
  ];
  return renderPremis({ objects, events, agents, rights }, schemaPath);
}

function representationOf(path: string, submissionBase: string): PremisIdentifier | undefined {
  const m = /^representations\/([^/]+)\//.exec(path);
  return m ? { type: 'local', value: `${submissionBase}/representations/${m[1]}` } : undefined;
}

