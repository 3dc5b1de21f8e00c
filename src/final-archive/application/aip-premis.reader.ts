import { DOMParser, Element } from '@xmldom/xmldom';
import type { SipProvenanceEvent } from '@samarkiv/information-package';

const PREMIS_NS = 'http://www.loc.gov/premis/v3';

/** PREMIS event types the package writer knows. */
export const PREMIS_EVENT_TYPES = new Set<string>([
  'ingestion',
  'validation',
  'virus check',
  'format identification',
  'message digest calculation',
  'fixity check',
  'replication',
  'metadata modification',
  'transfer',
  'dissemination',
  'deletion',
  'migration',
  'creation',
]);

const OUTCOMES = new Set(['success', 'failure', 'warning']);
const AGENT_TYPES = new Set(['software', 'organization', 'person']);

const children = (el: Element, name: string): Element[] => Array.from(el.getElementsByTagNameNS(PREMIS_NS, name));
const text = (el: Element | undefined, name: string): string | undefined => (el ? children(el, name)[0]?.textContent?.trim() || undefined : undefined);

/**
 * The events of an AIP's own package-level PREMIS (`metadata/preservation/premis.xml`, written at
 * ingest: ingestion, validation, format identification, digests), as provenance for an export.
 * Events of unknown type or outcome are left out; an unreadable file yields none.
 */
export function readAipPremisEvents(xml: string, scope: string): SipProvenanceEvent[] {
  let root: Element | null;
  try {
    root = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') throw new Error('not well-formed');
      },
    }).parseFromString(xml, 'text/xml').documentElement;
  } catch {
    return [];
  }
  if (!root) return [];
  const agents = new Map<string, { name: string; type: 'software' | 'organization' | 'person' }>();
  for (const a of children(root, 'agent')) {
    const id = text(a, 'agentIdentifierValue');
    const type = text(a, 'agentType') ?? '';
    if (id) agents.set(id, { name: text(a, 'agentName') ?? id, type: AGENT_TYPES.has(type) ? (type as 'software') : 'organization' });
  }
  const events: SipProvenanceEvent[] = [];
  for (const e of children(root, 'event')) {
    const type = text(e, 'eventType') ?? '';
    const outcome = text(e, 'eventOutcome') ?? '';
    const dateTime = text(e, 'eventDateTime');
    const id = text(e, 'eventIdentifierValue');
    if (!PREMIS_EVENT_TYPES.has(type) || !OUTCOMES.has(outcome) || !dateTime || !id) continue;
    const agentId = text(children(e, 'linkingAgentIdentifier')[0], 'linkingAgentIdentifierValue');
    const agent = agentId ? agents.get(agentId) : undefined;
    events.push({
      identifier: `${scope}/${id}`,
      type: type as SipProvenanceEvent['type'],
      dateTime,
      outcome: outcome as SipProvenanceEvent['outcome'],
      detail: text(e, 'eventDetail'),
      outcomeDetail: text(e, 'eventOutcomeDetailNote'),
      agent: agent && agentId ? { identifier: agentId, ...agent } : undefined,
    });
  }
  return events;
}
