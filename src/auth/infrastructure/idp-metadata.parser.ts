import { DOMParser, Element } from '@xmldom/xmldom';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export interface ParsedIdpMetadata {
  entityId: string;
  ssoUrl: string;
  sloUrl: string | null;
  certificates: string[];
}

export class MetadataError extends Error {}

function toPem(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function locationFor(parent: Element, tag: string): string | null {
  const services = Array.from(parent.getElementsByTagNameNS(MD, tag));
  const pick = services.find((s) => s.getAttribute('Binding') === REDIRECT) ?? services.find((s) => s.getAttribute('Binding') === POST);
  return pick?.getAttribute('Location') ?? null;
}

/** Reads what the service provider needs from an IdP's SAML metadata document. */
export function parseIdpMetadata(xml: string): ParsedIdpMetadata {
  if (/<!DOCTYPE/i.test(xml)) throw new MetadataError('metadata must not contain a DTD');
  let root: Element | null;
  try {
    root = new DOMParser({ onError: (level) => { if (level !== 'warning') throw new MetadataError('metadata is not well-formed XML'); } }).parseFromString(xml, 'text/xml').documentElement;
  } catch {
    throw new MetadataError('metadata is not well-formed XML');
  }
  if (!root || root.localName !== 'EntityDescriptor' || root.namespaceURI !== MD) throw new MetadataError('metadata must be one md:EntityDescriptor');
  const entityId = root.getAttribute('entityID');
  const idp = root.getElementsByTagNameNS(MD, 'IDPSSODescriptor')[0];
  if (!entityId || !idp) throw new MetadataError('metadata has no entityID or IDPSSODescriptor');
  const ssoUrl = locationFor(idp, 'SingleSignOnService');
  if (!ssoUrl) throw new MetadataError('metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding');
  const certificates = Array.from(idp.getElementsByTagNameNS(MD, 'KeyDescriptor'))
    .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((k) => Array.from(k.getElementsByTagNameNS(DS, 'X509Certificate')))
    .map((c) => toPem(c.textContent ?? ''));
  if (certificates.length === 0) throw new MetadataError('metadata has no signing certificate');
  return { entityId, ssoUrl, sloUrl: locationFor(idp, 'SingleLogoutService'), certificates: [...new Set(certificates)] };
}
