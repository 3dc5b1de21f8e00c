import { MetsAgent } from '../../xml/mets.model';
import { MetsRule, RuleContext } from '../rule-context';
import { ALT_RECORD_ID_TYPES, inVocabulary, RECORD_STATUSES } from '../vocabularies';

export const SIP_PROFILES: Record<string, string> = {
  'https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml': '2.2.0',
  'https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-1-0.xml': '2.1.0',
  'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml': '2.0.4',
};

const ORG_OR_PERSON = ['ORGANIZATION', 'INDIVIDUAL'];

function checkIdentifiedAgent(agent: MetsAgent, at: string, ctx: RuleContext, ids: { name: string; type?: string; noteType: string }, role: string, types: string[]): void {
  if (ids.type && !types.includes(agent.attrs.TYPE ?? '')) {
    ctx.report(ids.type, at, `The ${role} agent has TYPE "${agent.attrs.TYPE ?? ''}"; it must be ${types.join(' or ')}.`);
  }
  if (!agent.names[0]) ctx.report(ids.name, at, `The ${role} agent has no name.`);
  for (const note of agent.notes) {
    if (note.attrs['csip:NOTETYPE'] !== 'IDENTIFICATIONCODE') {
      ctx.report(ids.noteType, at, `The ${role} agent's note must have csip:NOTETYPE="IDENTIFICATIONCODE".`);
    }
  }
}

/** SIP1–SIP31: SIP profile, package status and type, altRecordIDs and the SIP agents in metsHdr. */
export const sipHeaderRule: MetsRule = {
  name: 'sip-header',
  check({ doc, isRoot }, ctx) {
    if (!doc.root || !isRoot) return;
    const rootAt = ctx.at(doc, doc.root, '/mets');
    const profile = doc.root.attrs.PROFILE;
    if (!profile || !SIP_PROFILES[profile]) {
      ctx.report('SIP2', rootAt, `mets/@PROFILE ${profile ? `"${profile}"` : 'is missing'}; a SIP must declare "https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml" (or the 2.1.0 profile URL).`);
    }
    const hdr = doc.headers[0];
    if (!hdr) return;
    const at = ctx.at(doc, hdr);
    const status = hdr.attrs.RECORDSTATUS;
    if (status !== undefined && !inVocabulary(status, RECORD_STATUSES)) {
      ctx.report('SIP3', at, `metsHdr/@RECORDSTATUS "${status}" is not one of ${RECORD_STATUSES.join(', ')}.`);
    }
    const pkgType = hdr.attrs['csip:OAISPACKAGETYPE'];
    if (pkgType !== 'SIP') ctx.report('SIP4', at, `metsHdr/@csip:OAISPACKAGETYPE is "${pkgType ?? ''}"; a SIP must use "SIP".`);
    for (const alt of hdr.altRecordIds) {
      if (alt.attrs.TYPE && !inVocabulary(alt.attrs.TYPE, ALT_RECORD_ID_TYPES)) {
        ctx.report('SIP5', `${doc.file} /mets/metsHdr/altRecordID (line ${alt.line})`, `altRecordID/@TYPE "${alt.attrs.TYPE}" is not in the SIP vocabulary (${ALT_RECORD_ID_TYPES.join(', ')}).`, 'info');
      }
    }
    const agents = hdr.agents;
    const submitting = agents.filter((a) => a.attrs.ROLE === 'CREATOR' && a.attrs.TYPE !== 'OTHER' && a.attrs.TYPE !== 'INDIVIDUAL');
    const archivist = agents.filter((a) => a.attrs.ROLE === 'ARCHIVIST');
    const preservation = agents.filter((a) => a.attrs.ROLE === 'PRESERVATION');
    const contacts = agents.filter((a) => a.attrs.ROLE === 'CREATOR' && a.attrs.TYPE === 'INDIVIDUAL');
    for (const a of archivist) {
      checkIdentifiedAgent(a, ctx.at(doc, a), ctx, { name: 'SIP12', type: 'SIP11', noteType: 'SIP14' }, 'archival creator (ARCHIVIST)', ORG_OR_PERSON);
    }
    if (submitting.length === 0 && contacts.length === 0) {
      ctx.report('SIP15', at, 'No submitting agent: add agent ROLE="CREATOR" TYPE="ORGANIZATION" (or INDIVIDUAL) naming who submits the package.');
    }
    for (const a of submitting) {
      checkIdentifiedAgent(a, ctx.at(doc, a), ctx, { name: 'SIP18', type: 'SIP17', noteType: 'SIP20' }, 'submitting', ORG_OR_PERSON);
    }
    for (const a of contacts) {
      if (!a.names[0]) ctx.report('SIP24', ctx.at(doc, a), 'The contact person agent has no name.');
    }
    for (const a of preservation) {
      checkIdentifiedAgent(a, ctx.at(doc, a), ctx, { name: 'SIP29', type: 'SIP28', noteType: 'SIP31' }, 'preservation', ['ORGANIZATION']);
    }
  },
};
