import { MetsAgent, MetsAltRecordId } from './mets.model';
import { SipBuildOptions, SipOrganisation } from './sip.options';

/** metsHdr agents of an E-ARK SIP (SIP9–31), after the mandatory software agent. */
export function sipMetsAgents(agents: SipBuildOptions['agents']): MetsAgent[] {
  const out: MetsAgent[] = [];
  if (agents.archivalCreator) out.push({ role: 'ARCHIVIST', type: 'ORGANIZATION', name: agents.archivalCreator.name, notes: idNotes(agents.archivalCreator) });
  out.push({
    role: 'CREATOR',
    type: agents.submittingAgent.type ?? 'ORGANIZATION',
    name: agents.submittingAgent.name,
    notes: idNotes(agents.submittingAgent),
  });
  for (const person of agents.contactPersons ?? []) {
    out.push({ role: 'CREATOR', type: 'INDIVIDUAL', name: person.name, notes: (person.contactInformation ?? []).map((text) => ({ text })) });
  }
  if (agents.preservationAgent) {
    out.push({ role: 'PRESERVATION', type: 'ORGANIZATION', name: agents.preservationAgent.name, notes: idNotes(agents.preservationAgent) });
  }
  return out;
}

/** SIP13/14: at most one note, typed IDENTIFICATIONCODE; Riksarkivet writes `ORG:<organisationsnummer>`. */
function idNotes(org: SipOrganisation): MetsAgent['notes'] {
  const code = org.organisationNumber !== undefined ? `ORG:${org.organisationNumber}` : org.identificationCode;
  return code === undefined ? [] : [{ text: code, noteType: 'IDENTIFICATIONCODE' }];
}

/** SIP5–8, in the order of the specification's example. */
export function sipAltRecordIds(options: SipBuildOptions): MetsAltRecordId[] {
  const out: MetsAltRecordId[] = [];
  if (options.submissionAgreement !== undefined) out.push({ type: 'SUBMISSIONAGREEMENT', value: options.submissionAgreement });
  for (const value of options.previousSubmissionAgreements ?? []) out.push({ type: 'PREVIOUSSUBMISSIONAGREEMENT', value });
  if (options.referenceCode !== undefined) out.push({ type: 'REFERENCECODE', value: options.referenceCode });
  for (const value of options.previousReferenceCodes ?? []) out.push({ type: 'PREVIOUSREFERENCECODE', value });
  return out;
}
