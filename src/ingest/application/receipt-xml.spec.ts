import { ReceiptBody } from '../domain/receipt';
import { renderReceiptXml } from './receipt-xml';

const body: ReceiptBody = {
  receiptId: 'r-1',
  deliveryId: 'd-1',
  tenantId: 'region-a',
  outcome: 'rejected',
  issuedAt: '2026-11-25T10:00:00.000Z',
  informationTypeId: 'documents',
  sourceSystem: 'Diarium <"gamla"> & co',
  submissionAgreement: null,
  sip: { objid: 'sip-1', kind: 'E-ARK SIP 2.2.0', bytes: 10, sha256: 'ab' },
  aip: null,
  findings: [{ stage: 'identifying', code: 'FORMAT-POLICY', severity: 'error', message: 'bild.gif: fmt/4 & more\u0001', location: 'representations/rep1/data/bild.gif', puid: 'fmt/4' }],
};

describe('receipt XML', () => {
  it('escapes text and attributes, drops what XML cannot carry, and embeds the signature', () => {
    const xml = renderReceiptXml({ body, jws: 'aaa.bbb.ccc' });
    expect(xml).toContain('<receipt xmlns="urn:samarkiv:receipt:1" id="r-1" outcome="rejected" issued="2026-11-25T10:00:00.000Z">');
    expect(xml).toContain('<sourceSystem>Diarium &lt;&quot;gamla&quot;&gt; &amp; co</sourceSystem>');
    expect(xml).not.toContain('submissionAgreement');
    expect(xml).toContain('<finding severity="error" code="FORMAT-POLICY" stage="identifying" location="representations/rep1/data/bild.gif" puid="fmt/4">bild.gif: fmt/4 &amp; more\uFFFD</finding>');
    expect(xml).toContain('<signature format="JWS">aaa.bbb.ccc</signature>');
    expect(xml).not.toContain('<aip');
  });
});
