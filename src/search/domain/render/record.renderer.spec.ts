import { createHash } from 'node:crypto';
import { RENDERED_CSP } from './html';
import { renderRecordHtml } from './record.renderer';
import { activeMarkup, PATIENT_TYPE, testRecord } from './render.test-helper';

const render = (original: string | null, over: Parameters<typeof testRecord>[0] = {}, locale: 'sv' | 'en' = 'sv') =>
  renderRecordHtml({ type: PATIENT_TYPE, record: testRecord(over), original: original === null ? null : Buffer.from(original, 'utf8'), locale });

const HOSTILE_CCDA = `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:h="http://www.w3.org/1999/xhtml">
  <code code="34133-9" displayName="Summarization of Episode Note"/>
  <title>Sammanfattning &lt;script&gt;alert(1)&lt;/script&gt;</title>
  <effectiveTime value="20170918091633-0400"/>
  <recordTarget><patientRole><id root="1.2.752.129.2.1.3.1" extension="191212121212"/>
    <patient><name><given>Tolvan</given><family>Tolvansson" onmouseover="alert(1)</family></name><birthTime value="19121212"/></patient>
  </patientRole></recordTarget>
  <author><time value="20170918"/><assignedAuthor><assignedPerson><name><given>Eva</given><family>Ek</family></name></assignedPerson>
    <representedOrganization><name>Vårdcentralen Ekeby</name></representedOrganization></assignedAuthor></author>
  <custodian><assignedCustodian><representedCustodianOrganization><name>Region Örebro län</name></representedCustodianOrganization></assignedCustodian></custodian>
  <component><structuredBody>
    <component><section><title>Allergier</title>
      <text>
        <paragraph onclick="alert(1)" styleCode="Bold" style="background:url(javascript:alert(1))">Inga kända <content styleCode="Italics xss">allergier</content>.<br/>Rad två</paragraph>
        <script>alert('cda script')</script>
        <h:script>alert('xhtml script')</h:script>
        <h:img src="x" onerror="alert(1)"/>
        <linkHtml href="javascript:alert(1)">klicka</linkHtml>
        <![CDATA[<img src=x onerror=alert(1)>]]>
        &lt;iframe src="https://evil.example"&gt;
        <list listType="ordered"><item>Ett</item><item>Två</item></list>
        <table border="1" onload="x"><caption>Värden</caption><thead><tr><th colspan="2 onmouseover=x">Namn</th></tr></thead>
          <tbody><tr><td colspan="2">A</td><td rowspan="3">B</td></tr></tbody></table>
        <renderMultiMedia referencedObject="img1"/>
      </text>
      <component><section><title>Underavsnitt</title><text>Nästlad text</text></section></component>
    </section></component>
    <component><section><code code="10160-0" displayName="Läkemedel"/><text>Enalapril</text></section></component>
  </structuredBody></component>
</ClinicalDocument>`;

describe('record renderer', () => {
  it('renders a C-CDA header and every section, nested ones too, with their narratives', () => {
    const html = render(HOSTILE_CCDA);
    expect(html).toContain('<h1>Sammanfattning &#60;script&#62;alert(1)&#60;/script&#62;</h1>');
    for (const text of ['Summarization of Episode Note', '1.2.752.129.2.1.3.1', 'Eva Ek, Vårdcentralen Ekeby', 'Region Örebro län', '2017-09-18 09:16 -04:00', '1912-12-12']) expect(html).toContain(text);
    expect(html).toContain('<h3>Allergier</h3>');
    expect(html).toContain('<h4>Underavsnitt</h4>');
    expect(html).toContain('<h3>Läkemedel</h3>');
    expect(html).toContain('<p class="sc-bold">Inga kända <span class="sc-italics">allergier</span>.<br>Rad två</p>');
    expect(html).toContain('<ol><li>Ett</li><li>Två</li></ol>');
    expect(html.replace(/>\s+</g, '><')).toContain('<table><caption>Värden</caption><thead><tr><th>Namn</th></tr></thead><tbody><tr><td colspan="2">A</td><td rowspan="3">B</td></tr></tbody></table>');
    expect(html).toContain('<span class="link">klicka</span>');
    expect(html).toContain('[bild]');
  });

  it('never lets anything from a C-CDA become active: scripts, handlers, javascript: links, CDATA and entities stay text', () => {
    const html = render(HOSTILE_CCDA);
    expect(activeMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<img|<iframe|<a |onerror=|onclick=|onmouseover=|href=/i);
    // What was text stays visible as text.
    expect(html).toContain('&#60;img src&#61;x onerror&#61;alert(1)&#62;');
    expect(html).toContain('&#60;iframe src&#61;&#34;https://evil.example&#34;&#62;');
    expect(html).toContain('Tolvansson&#34; onmouseover&#61;&#34;alert(1)');
  });

  it('refuses DOCTYPEs (no entity expansion) and falls back to the archived record', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><ClinicalDocument xmlns="urn:hl7-org:v3"><title>&b;</title></ClinicalDocument>`;
    const html = render(bomb, { fields: { title: 'Arkiverad rubrik' } });
    expect(html).toContain('Originalfilen kunde inte läsas som sitt format');
    expect(html).toContain('Arkiverad rubrik');
    expect(html).not.toContain('AAAAAAAAAA');
    const external = render(`<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><ClinicalDocument xmlns="urn:hl7-org:v3"/>`);
    expect(external).not.toContain('root:');
    expect(activeMarkup(external)).toEqual([]);
  });

  const hostileDiv = '<div xmlns="http://www.w3.org/1999/xhtml"><h1>Rubrik</h1><p style="color:red" onclick="alert(1)">Hypertoni <b>välinställd</b>.</p><script>alert(1)</script><a href="javascript:alert(1)">länk</a><img src="x" onerror="alert(1)"/><iframe src="https://evil.example"></iframe><table><tr><td colspan="9999">x</td></tr></table></div>';
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'urn:uuid:p1', resource: { resourceType: 'Patient', id: 'p1', identifier: [{ system: 'urn:oid:1.2.752.129.2.1.3.1', value: '191212121212' }], name: [{ family: 'Tolvansson<script>', given: ['Tolvan'] }], gender: 'male', birthDate: '1912-12-12' } },
      { fullUrl: 'urn:uuid:o1', resource: { resourceType: 'Organization', id: 'o1', name: 'Vårdcentralen Ekeby' } },
      { fullUrl: 'urn:uuid:pr1', resource: { resourceType: 'Practitioner', id: 'pr1', name: [{ given: ['Eva'], family: 'Ek' }] } },
      { fullUrl: 'urn:uuid:e1', resource: { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB', display: 'Mottagningsbesök' }, period: { start: '2019-04-01T09:00:00+02:00' }, serviceProvider: { reference: 'urn:uuid:o1' } } },
      {
        fullUrl: 'urn:uuid:c1',
        resource: {
          resourceType: 'Composition', id: 'c1', status: 'final', title: 'Epikris', date: '2019-04-02', type: { text: 'Epikris' }, author: [{ reference: 'urn:uuid:pr1' }], custodian: { reference: 'urn:uuid:o1' }, encounter: { reference: 'urn:uuid:e1' },
          section: [{ title: 'Bedömning', text: { status: 'generated', div: hostileDiv }, section: [{ title: 'Plan', text: { div: '<div>not <b>namespaced &nbsp; well-formed</div>' } }] }],
        },
      },
      { fullUrl: 'urn:uuid:d1', resource: { resourceType: 'DocumentReference', id: 'd1', status: 'current', description: 'Remissvar', content: [{ attachment: { contentType: 'text/plain', data: Buffer.from('Svar: <script>alert(1)</script>').toString('base64') } }] } },
      { fullUrl: 'urn:uuid:ob1', resource: { resourceType: 'Observation', id: 'ob1', status: 'final', code: { text: 'P-Glukos' }, effectiveDateTime: '2019-04-01', valueQuantity: { value: 6.1, unit: 'mmol/L' } } },
      { fullUrl: 'urn:uuid:co1', resource: { resourceType: 'Condition', id: 'co1', code: { coding: [{ code: 'I10', display: 'Essentiell hypertoni' }] }, recordedDate: '2019-04-01' } },
      { fullUrl: 'urn:uuid:m1', resource: { resourceType: 'MedicationStatement', id: 'm1', status: 'active', medicationCodeableConcept: { text: 'Enalapril 10 mg' }, dosage: [{ text: '1 tablett dagligen' }] } },
      { fullUrl: 'urn:uuid:x1', resource: { resourceType: 'Provenance', id: 'x1' } },
    ],
  };

  it('renders a FHIR JSON Bundle as tables, the archived record marked, narratives through the whitelist', () => {
    const html = render(JSON.stringify(bundle), { sourceRecordId: 'Condition/co1', sourceFile: 'x/bundle.json' }, 'en');
    expect(activeMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<img|<iframe|<a |onerror=|onclick=|href=|style="/i);
    for (const text of ['Tolvan Tolvansson&#60;script&#62;', 'Vårdcentralen Ekeby', 'Eva Ek', 'Mottagningsbesök', '6.1 mmol/L', 'Essentiell hypertoni', 'Enalapril 10 mg', '1 tablett dagligen', 'Svar: &#60;script&#62;alert(1)&#60;/script&#62;', 'Provenance']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('<h3>Bedömning</h3><div class="narrative"><h4>Rubrik</h4><p>Hypertoni <b>välinställd</b>.</p>alert(1)<span class="link">länk</span><span class="meta">[image]</span>');
    expect(html).toContain('<td>x</td>');
    expect(html).toContain('<h4>Plan</h4>');
    expect(html).toContain('<tr class="record"><td>Essentiell hypertoni</td>');
    expect(html).toContain('<h2>Conditions</h2>');
  });

  it('survives a hostile FHIR bundle nested far deeper than any document', () => {
    const n = 20_000;
    const sections = '{"title":"S","section":['.repeat(n) + '{"title":"Botten"}' + ']}'.repeat(n);
    const deep = `{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Composition","id":"c","title":"Djup","section":[${sections}]}}]}`;
    const html = render(deep, { sourceRecordId: 'Composition/c' });
    expect(html).toContain('<h2>Djup</h2>');
    expect(html).not.toContain('Botten');
    const loop = { resourceType: 'Bundle', entry: [{ fullUrl: 'urn:uuid:r', resource: { resourceType: 'PractitionerRole', id: 'r', practitioner: { reference: 'urn:uuid:r' } } }, { resource: { resourceType: 'Composition', id: 'c', title: 'Slinga', author: [{ reference: 'urn:uuid:r' }] } }] };
    expect(render(JSON.stringify(loop))).toContain('<h2>Slinga</h2>');
  });

  it('renders a FHIR XML Bundle the same way', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/>
  <entry><fullUrl value="urn:uuid:p1"/><resource><Patient><id value="p1"/><name><family value="Tolvansson"/><given value="Tolvan"/></name></Patient></resource></entry>
  <entry><fullUrl value="urn:uuid:c1"/><resource><Composition><id value="c1"/><status value="final"/><title value="Epikris &lt;b&gt;"/>
    <author><display value="Eva Ek"/></author>
    <section><title value="Bedömning"/><text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><p onclick="x">Hypertoni</p><script>alert(1)</script><a href="javascript:x">l</a></div></text></section>
  </Composition></resource></entry>
</Bundle>`;
    const html = render(xml, { sourceRecordId: 'Composition/c1' });
    expect(activeMarkup(html)).toEqual([]);
    expect(html).toContain('<section class="record"><h2>Epikris &#60;b&#62;</h2>');
    expect(html).toContain('<h3>Bedömning</h3><div class="narrative"><p>Hypertoni</p>alert(1)<span class="link">l</span></div>');
    expect(html).toContain('Tolvan Tolvansson');
    expect(html).toContain('Eva Ek');
  });

  it('renders the canonical XML record (only that one) with the type labels in the chosen language', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<records xmlns="urn:samarkiv:records:patient-record:1">
  <record id="r-0"><patientId>197010632391</patientId><title>Någon annans</title></record>
  <record id="r-1"><patientId>191212121212</patientId><date>2016-03-01</date><title>Besök &lt;script&gt;alert(1)&lt;/script&gt;</title><text><![CDATA[<img src=x onerror=alert(1)>]]></text><shoeSize>44</shoeSize><attachment path="doc/scan.pdf"/></record>
</records>`;
    const sv = render(xml);
    expect(activeMarkup(sv)).toEqual([]);
    expect(sv).toContain('<th scope="row">Rubrik</th><td>Besök &#60;script&#62;alert(1)&#60;/script&#62;</td>');
    expect(sv).toContain('<th scope="row">Fritext</th><td>&#60;img src&#61;x onerror&#61;alert(1)&#62;</td>');
    expect(sv).toContain('Okänt fält: shoeSize');
    expect(sv).toContain('doc/scan.pdf');
    expect(sv).not.toContain('Någon annans');
    expect(sv).toContain('<html lang="sv">');
    const en = render(xml, {}, 'en');
    expect(en).toContain('<th scope="row">Title</th>');
    expect(en).toContain('<h2>Document</h2>');
    expect(en).toContain('<html lang="en">');
    expect(render(xml, { sourceRecordId: 'gone' })).toContain('Posten finns inte längre i originalfilen');
  });

  it("renders an original shared with other patients' records only where it can be cut down to this record", () => {
    const shared = (original: string, sourceRecordId: string) =>
      renderRecordHtml({ type: PATIENT_TYPE, record: testRecord({ sourceRecordId, fields: { title: 'Arkiverad' } }), original: Buffer.from(original), locale: 'sv', sharedWithOtherPatients: true });
    const fhir = shared(JSON.stringify(bundle), 'Condition/co1');
    expect(fhir).toContain('andra patienters uppgifter');
    expect(fhir).not.toContain('Tolvansson');
    expect(shared(HOSTILE_CCDA, 'r-1')).not.toContain('Allergier');
    const canonical = shared('<records xmlns="urn:samarkiv:records:patient-record:1"><record id="a"><title>Min</title></record><record id="b"><title>Annan</title></record></records>', 'a');
    expect(canonical).toContain('<td>Min</td>');
    expect(canonical).not.toContain('Annan');
  });

  it('shows the canonical record for other originals (CSV, PDF), escaped', () => {
    const html = render(null, { sourceFile: 'a/b.csv', fields: { title: '<script>x</script>', patientId: '191212121212' }, body: 'Fri "text" & <b>mer</b>' });
    expect(activeMarkup(html)).toEqual([]);
    expect(html).toContain('<h1>&#60;script&#62;x&#60;/script&#62;</h1>');
    expect(html).toContain('Fri &#34;text&#34; &#38; &#60;b&#62;mer&#60;/b&#62;');
    expect(renderRecordHtml({ type: PATIENT_TYPE, record: testRecord(), original: null, skipped: 'tooLarge', locale: 'en' })).toContain('too large');
  });

  it('the inertness check itself catches active markup', () => {
    for (const bad of ['<script>x</script>', '<p onclick="x">', '<a href="javascript:x">', '<img src=x>', '<p style="x">', '<td colspan="2 onmouseover=x">']) {
      expect(activeMarkup(`<html><head></head><body>${bad}</body></html>`)).not.toEqual([]);
    }
  });

  it('allows exactly its own inline style and nothing else to run or load', () => {
    const html = render(HOSTILE_CCDA);
    const style = /<style>([^<]*)<\/style>/.exec(html)![1];
    expect(RENDERED_CSP).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(RENDERED_CSP).toMatch(/default-src 'none'/);
    expect(RENDERED_CSP).toMatch(/script-src 'none'/);
    expect(RENDERED_CSP).not.toMatch(/unsafe/);
  });
});
