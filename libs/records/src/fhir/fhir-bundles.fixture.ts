/** FHIR R4 test bundles: all record resource kinds in JSON, a subset in hand-written XML. */
const b64 = (s: string) => Buffer.from(s).toString('base64');

export const JSON_BUNDLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'urn:uuid:p1',
      resource: {
        resourceType: 'Patient',
        id: 'p1',
        identifier: [
          { system: 'urn:oid:1.2.752.129.2.1.3.9', value: 'LOCAL-7' },
          { system: 'urn:oid:1.2.752.129.2.1.3.1', value: '19121212-1212' },
        ],
        name: [{ family: 'Tolvansson', given: ['Tolvan'] }],
      },
    },
    { fullUrl: 'urn:uuid:o1', resource: { resourceType: 'Organization', id: 'o1', name: 'Vårdcentralen Ekeby' } },
    { fullUrl: 'urn:uuid:pr1', resource: { resourceType: 'Practitioner', id: 'pr1', name: [{ given: ['Eva'], family: 'Ek' }] } },
    { fullUrl: 'urn:uuid:e1', resource: { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB', display: 'Mottagningsbesök' }, subject: { reference: 'urn:uuid:p1' }, period: { start: '2019-04-01T09:00:00+02:00' }, serviceProvider: { reference: 'urn:uuid:o1' } } },
    {
      fullUrl: 'urn:uuid:c1',
      resource: {
        resourceType: 'Composition',
        id: 'c1',
        status: 'final',
        type: { coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }] },
        subject: { reference: 'urn:uuid:p1' },
        encounter: { reference: 'urn:uuid:e1' },
        date: '2019-04-02T15:00:00+02:00',
        author: [{ reference: 'urn:uuid:pr1' }],
        title: 'Epikris',
        attester: [{ mode: 'legal', time: '2019-04-03T08:00:00+02:00', party: { reference: 'urn:uuid:pr1' } }],
        custodian: { reference: 'urn:uuid:o1' },
        section: [{ title: 'Bedömning', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Hypertoni, välinställd.</p><p>Åter om 3 månader.</p></div>' } }],
      },
    },
    { fullUrl: 'urn:uuid:d1', resource: { resourceType: 'DocumentReference', id: 'd1', status: 'current', subject: { reference: 'Patient/p1' }, date: '2019-05-01T10:00:00+02:00', description: 'Remissvar', content: [{ attachment: { contentType: 'text/plain', data: b64('Remissvar: normalt ultraljud.') } }] } },
    { fullUrl: 'urn:uuid:ob1', resource: { resourceType: 'Observation', id: 'ob1', status: 'final', code: { text: 'P-Glukos' }, subject: { reference: 'urn:uuid:p1' }, effectiveDateTime: '2019-04-01T09:30:00+02:00', valueQuantity: { value: 6.1, unit: 'mmol/L' } } },
    { fullUrl: 'urn:uuid:co1', resource: { resourceType: 'Condition', id: 'co1', code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-se', code: 'I10', display: 'Essentiell hypertoni' }] }, subject: { reference: 'urn:uuid:p1' }, recordedDate: '2019-04-01' } },
    { fullUrl: 'urn:uuid:m1', resource: { resourceType: 'MedicationStatement', id: 'm1', status: 'active', medicationCodeableConcept: { text: 'Enalapril 10 mg' }, subject: { reference: 'urn:uuid:p1' }, effectiveDateTime: '2019-04-01', dosage: [{ text: '1 tablett dagligen' }] } },
  ],
};

export const XML_BUNDLE = `<?xml version="1.0" encoding="UTF-8"?>
<Bundle xmlns="http://hl7.org/fhir">
  <type value="collection"/>
  <entry>
    <fullUrl value="urn:uuid:p1"/>
    <resource><Patient><id value="p1"/>
      <identifier><system value="urn:oid:1.2.752.129.2.1.3.1"/><value value="191212121212"/></identifier>
      <name><family value="Tolvansson"/><given value="Tolvan"/></name>
    </Patient></resource>
  </entry>
  <entry><fullUrl value="urn:uuid:o1"/><resource><Organization><id value="o1"/><name value="Vårdcentralen Ekeby"/></Organization></resource></entry>
  <entry>
    <fullUrl value="urn:uuid:c1"/>
    <resource><Composition><id value="c1"/><status value="final"/>
      <type><coding><system value="http://loinc.org"/><code value="18842-5"/></coding></type>
      <subject><reference value="urn:uuid:p1"/></subject>
      <date value="2019-04-02T15:00:00+02:00"/>
      <author><display value="Eva Ek"/></author>
      <title value="Epikris"/>
      <custodian><reference value="urn:uuid:o1"/></custodian>
      <section><title value="Bedömning"/><text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><p>Hypertoni, välinställd.</p><p>Åter om 3 månader.</p></div></text></section>
    </Composition></resource>
  </entry>
  <entry><fullUrl value="urn:uuid:co1"/><resource><Condition><id value="co1"/>
    <code><coding><system value="http://hl7.org/fhir/sid/icd-10-se"/><code value="I10"/><display value="Essentiell hypertoni"/></coding></code>
    <subject><reference value="urn:uuid:p1"/></subject><recordedDate value="2019-04-01"/>
  </Condition></resource></entry>
</Bundle>
`;

