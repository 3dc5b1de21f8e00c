import { Document, DOMParser, Element } from '@xmldom/xmldom';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** Signature and digest algorithms we refuse: SHA-1 collisions are practical. */
const WEAK_ALGORITHM = /(sha1|md5)$/i;

export interface ResponseFacts {
  destination: string | null;
  issuer: string | null;
  hasEncryptedAssertion: boolean;
  hasPlainAssertion: boolean;
}

export interface AssertionFacts {
  id: string | null;
  issuer: string | null;
  recipients: string[];
  notOnOrAfter: Date | null;
}

/** Raises a human-readable reason; the caller turns it into a refusal. */
export class InspectionError extends Error {}

function parse(xml: string): Document {
  // DTDs are how XXE and entity-expansion attacks arrive; a SAML message never needs one.
  if (/<!DOCTYPE/i.test(xml)) throw new InspectionError('the message contains a DTD');
  let doc: Document;
  try {
    doc = new DOMParser({ onError: (level) => { if (level !== 'warning') throw new InspectionError('the message is not well-formed XML'); } }).parseFromString(xml, 'text/xml');
  } catch {
    throw new InspectionError('the message is not well-formed XML');
  }
  if (!doc.documentElement) throw new InspectionError('the message is not well-formed XML');
  return doc;
}

/** Only signatures count: RSA-OAEP key transport names SHA-1 too, which is not a weakness there. */
function checkAlgorithms(doc: Document): void {
  for (const signedInfo of Array.from(doc.getElementsByTagNameNS(DS, 'SignedInfo'))) {
    for (const tag of ['SignatureMethod', 'DigestMethod']) {
      for (const node of Array.from(signedInfo.getElementsByTagNameNS(DS, tag))) {
        const algorithm = node.getAttribute('Algorithm') ?? '';
        if (WEAK_ALGORITHM.test(algorithm)) throw new InspectionError(`weak signature algorithm (${algorithm.split('#').pop()})`);
      }
    }
  }
}

const text = (el: Element | undefined | null) => el?.textContent?.trim() ?? null;

/** Facts about the Response envelope that node-saml does not check for us. */
export function inspectResponse(xml: string): ResponseFacts {
  const doc = parse(xml);
  const root = doc.documentElement!;
  if (root.localName !== 'Response' || root.namespaceURI !== SAMLP) throw new InspectionError('not a SAML Response');
  checkAlgorithms(doc);
  const issuer = Array.from(root.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === 'Issuer' && n.namespaceURI === SAML);
  return {
    destination: root.getAttribute('Destination'),
    issuer: text(issuer),
    hasEncryptedAssertion: doc.getElementsByTagNameNS(SAML, 'EncryptedAssertion').length > 0,
    hasPlainAssertion: doc.getElementsByTagNameNS(SAML, 'Assertion').length > 0,
  };
}

/** Facts about the (decrypted, validated) assertion. */
export function inspectAssertion(xml: string): AssertionFacts {
  const doc = parse(xml);
  checkAlgorithms(doc);
  const assertion = doc.documentElement!;
  const recipients: string[] = [];
  let notOnOrAfter: Date | null = null;
  const data = doc.getElementsByTagNameNS(SAML, 'SubjectConfirmationData');
  for (let i = 0; i < data.length; i++) {
    const r = data[i].getAttribute('Recipient');
    if (r) recipients.push(r);
    const t = data[i].getAttribute('NotOnOrAfter');
    if (t) notOnOrAfter = new Date(t);
  }
  return { id: assertion.getAttribute('ID'), issuer: text(doc.getElementsByTagNameNS(SAML, 'Issuer')[0]), recipients, notOnOrAfter };
}
