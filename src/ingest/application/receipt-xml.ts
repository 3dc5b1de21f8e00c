import { ReceiptBody } from '../domain/receipt';
import { SignedReceipt } from './receipt.service';

export const RECEIPT_XML_NS = 'urn:samarkiv:receipt:1';

const escape = (value: string) =>
  value
    // Characters XML 1.0 cannot carry become U+FFFD.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const element = (name: string, value: string | number | null, indent = '  ') => (value === null ? '' : `${indent}<${name}>${escape(String(value))}</${name}>\n`);

const attrs = (values: Record<string, string | number | null | undefined>) =>
  Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escape(String(v))}"`)
    .join('');

/**
 * The receipt as XML for producers whose systems speak XML. The signature element carries the
 * same compact JWS as the JSON form; its payload, not this rendering, is what is signed.
 */
export function renderReceiptXml({ body, jws }: SignedReceipt): string {
  const b: ReceiptBody = body;
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<receipt xmlns="${RECEIPT_XML_NS}"${attrs({ id: b.receiptId, outcome: b.outcome, issued: b.issuedAt })}>\n`;
  xml += element('deliveryId', b.deliveryId) + element('tenant', b.tenantId) + element('informationType', b.informationTypeId);
  xml += element('sourceSystem', b.sourceSystem) + element('submissionAgreement', b.submissionAgreement);
  xml += `  <sip${attrs({ objid: b.sip.objid, kind: b.sip.kind, bytes: b.sip.bytes, sha256: b.sip.sha256 })}/>\n`;
  if (b.aip) {
    const a = b.aip;
    xml += `  <aip${attrs({ id: a.id, objectId: a.objectId, version: a.version, storedVersion: a.storedVersion, files: a.fileCount, bytes: a.totalBytes, records: a.recordCount })}>\n`;
    for (const c of a.copies) xml += `    <copy${attrs({ location: c.location, verified: c.verifiedAt })}/>\n`;
    xml += '  </aip>\n';
  }
  xml += '  <findings>\n';
  for (const f of b.findings) xml += `    <finding${attrs({ severity: f.severity, code: f.code, stage: f.stage, location: f.location, puid: f.puid })}>${escape(f.message)}</finding>\n`;
  xml += '  </findings>\n';
  xml += `  <signature format="JWS">${escape(jws)}</signature>\n</receipt>\n`;
  return xml;
}
