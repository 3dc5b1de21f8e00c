import { PremisDocument, PremisEventType, PremisObject, PremisRightsStatement } from './premis.model';
import { XmlWriter } from './xml-writer';

export const PREMIS_NS = 'http://www.loc.gov/premis/v3';
export const PREMIS_SCHEMA_URL = 'http://www.loc.gov/standards/premis/premis.xsd';

const EVENT_TYPE_VOCABULARY = 'http://id.loc.gov/vocabulary/preservation/eventType';
/** Codes of id.loc.gov/vocabulary/preservation/eventType, so readers can match on valueURI, not on a label. */
const EVENT_TYPE_CODES: Record<PremisEventType, string> = {
  ingestion: 'ing',
  validation: 'val',
  'virus check': 'vir',
  'format identification': 'for',
  'message digest calculation': 'mes',
  'fixity check': 'fix',
  replication: 'rep',
  'metadata modification': 'mem',
  transfer: 'tra',
  dissemination: 'dis',
  deletion: 'del',
  migration: 'mig',
  creation: 'cre',
};

/**
 * Renders one PREMIS 3 document. `schemaPath` is the relative path to a local premis.xsd when the
 * package carries schemas; otherwise the official location is named.
 */
export function renderPremis(doc: PremisDocument, schemaPath?: string): Buffer {
  if (doc.objects.length === 0) throw new Error('a PREMIS document needs at least one object');
  const w = new XmlWriter();
  w.open('premis', {
    xmlns: PREMIS_NS,
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${PREMIS_NS} ${schemaPath ?? PREMIS_SCHEMA_URL}`,
    version: '3.0',
  });
  for (const object of doc.objects) writeObject(w, object);
  for (const event of doc.events) {
    w.open('event', { xmlID: event.xmlId });
    identifier(w, 'eventIdentifier', 'event', event.identifier.type, event.identifier.value);
    w.leaf(
      'eventType',
      { authority: 'eventType', authorityURI: EVENT_TYPE_VOCABULARY, valueURI: `${EVENT_TYPE_VOCABULARY}/${EVENT_TYPE_CODES[event.type]}` },
      event.type,
    );
    w.leaf('eventDateTime', {}, event.dateTime);
    if (event.detail !== undefined) w.open('eventDetailInformation').leaf('eventDetail', {}, event.detail).close();
    w.open('eventOutcomeInformation');
    w.leaf('eventOutcome', {}, event.outcome);
    if (event.outcomeDetail !== undefined) w.open('eventOutcomeDetail').leaf('eventOutcomeDetailNote', {}, event.outcomeDetail).close();
    w.close();
    for (const agent of event.agents) {
      w.open('linkingAgentIdentifier');
      w.leaf('linkingAgentIdentifierType', {}, agent.type).leaf('linkingAgentIdentifierValue', {}, agent.value).leaf('linkingAgentRole', {}, agent.role);
      w.close();
    }
    for (const object of event.objects) {
      w.open('linkingObjectIdentifier');
      w.leaf('linkingObjectIdentifierType', {}, object.type).leaf('linkingObjectIdentifierValue', {}, object.value);
      if (object.role !== undefined) w.leaf('linkingObjectRole', {}, object.role);
      w.close();
    }
    w.close();
  }
  for (const agent of doc.agents) {
    w.open('agent', { xmlID: agent.xmlId });
    identifier(w, 'agentIdentifier', 'agent', agent.identifier.type, agent.identifier.value);
    w.leaf('agentName', {}, agent.name);
    w.leaf('agentType', {}, agent.type);
    if (agent.version !== undefined) w.leaf('agentVersion', {}, agent.version);
    for (const note of agent.notes ?? []) w.leaf('agentNote', {}, note);
    w.close();
  }
  for (const rights of doc.rights) writeRights(w, rights);
  w.close();
  return w.toBuffer();
}

function identifier(w: XmlWriter, element: string, prefix: string, type: string, value: string): void {
  w.open(element).leaf(`${prefix}IdentifierType`, {}, type).leaf(`${prefix}IdentifierValue`, {}, value).close();
}

function writeObject(w: XmlWriter, object: PremisObject): void {
  w.open('object', { 'xsi:type': object.kind, xmlID: object.xmlId });
  identifier(w, 'objectIdentifier', 'object', object.identifier.type, object.identifier.value);
  if (object.kind === 'file') {
    w.open('objectCharacteristics');
    w.leaf('compositionLevel', {}, '0');
    for (const fixity of object.fixity ?? []) {
      w.open('fixity');
      w.leaf('messageDigestAlgorithm', { authority: 'cryptographicHashFunctions', authorityURI: 'http://id.loc.gov/vocabulary/preservation/cryptographicHashFunctions' }, fixity.algorithm);
      w.leaf('messageDigest', {}, fixity.digest);
      w.close();
    }
    if (object.size !== undefined) w.leaf('size', {}, String(object.size));
    // PREMIS requires a format for every file; an unidentified file says so instead of guessing.
    const format = object.format ?? { name: 'unknown' };
    w.open('format');
    w.open('formatDesignation').leaf('formatName', {}, format.name);
    if (format.version !== undefined) w.leaf('formatVersion', {}, format.version);
    w.close();
    if (format.puid !== undefined) {
      w.open('formatRegistry');
      w.leaf('formatRegistryName', {}, 'PRONOM').leaf('formatRegistryKey', {}, format.puid).leaf('formatRegistryRole', {}, 'specification');
      w.close();
    }
    if (format.basis !== undefined) w.leaf('formatNote', {}, format.basis);
    w.close();
    w.close();
  }
  if (object.originalName !== undefined) w.leaf('originalName', {}, object.originalName);
  if (object.contentLocation !== undefined && object.kind !== 'intellectualEntity') {
    w.open('storage').open('contentLocation');
    w.leaf('contentLocationType', {}, 'URI').leaf('contentLocationValue', {}, object.contentLocation);
    w.close().close();
  }
  for (const rel of object.relationships ?? []) {
    w.open('relationship');
    w.leaf('relationshipType', {}, rel.type).leaf('relationshipSubType', {}, rel.subType);
    w.open('relatedObjectIdentifier');
    w.leaf('relatedObjectIdentifierType', {}, rel.related.type).leaf('relatedObjectIdentifierValue', {}, rel.related.value);
    w.close();
    w.close();
  }
  for (const event of object.linkingEvents ?? []) {
    w.open('linkingEventIdentifier').leaf('linkingEventIdentifierType', {}, event.type).leaf('linkingEventIdentifierValue', {}, event.value).close();
  }
  for (const rights of object.linkingRights ?? []) {
    w.open('linkingRightsStatementIdentifier')
      .leaf('linkingRightsStatementIdentifierType', {}, rights.type)
      .leaf('linkingRightsStatementIdentifierValue', {}, rights.value)
      .close();
  }
  w.close();
}

function writeRights(w: XmlWriter, rights: PremisRightsStatement): void {
  w.open('rights', { xmlID: rights.xmlId });
  w.open('rightsStatement');
  identifier(w, 'rightsStatementIdentifier', 'rightsStatement', rights.identifier.type, rights.identifier.value);
  const basis = rights.basis;
  w.leaf('rightsBasis', {}, basis.basis);
  switch (basis.basis) {
    case 'copyright':
      w.open('copyrightInformation').leaf('copyrightStatus', {}, basis.status).leaf('copyrightJurisdiction', {}, basis.jurisdiction);
      if (basis.note !== undefined) w.leaf('copyrightNote', {}, basis.note);
      w.close();
      break;
    case 'license':
      w.open('licenseInformation').leaf('licenseTerms', {}, basis.terms);
      if (basis.note !== undefined) w.leaf('licenseNote', {}, basis.note);
      w.close();
      break;
    case 'statute':
      w.open('statuteInformation').leaf('statuteJurisdiction', {}, basis.jurisdiction).leaf('statuteCitation', {}, basis.citation);
      if (basis.note !== undefined) w.leaf('statuteNote', {}, basis.note);
      w.close();
      break;
    case 'other':
      w.open('otherRightsInformation').leaf('otherRightsBasis', {}, basis.otherBasis);
      if (basis.note !== undefined) w.leaf('otherRightsNote', {}, basis.note);
      w.close();
      break;
  }
  for (const grant of rights.granted) {
    w.open('rightsGranted').leaf('act', {}, grant.act);
    if (grant.restriction !== undefined) w.leaf('restriction', {}, grant.restriction);
    if (grant.note !== undefined) w.leaf('rightsGrantedNote', {}, grant.note);
    w.close();
  }
  for (const object of rights.objects) {
    w.open('linkingObjectIdentifier').leaf('linkingObjectIdentifierType', {}, object.type).leaf('linkingObjectIdentifierValue', {}, object.value).close();
  }
  for (const agent of rights.agents) {
    w.open('linkingAgentIdentifier');
    w.leaf('linkingAgentIdentifierType', {}, agent.type).leaf('linkingAgentIdentifierValue', {}, agent.value).leaf('linkingAgentRole', {}, agent.role);
    w.close();
  }
  w.close();
  w.close();
}
