import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CanonicalRecord, FindingSink, RecordTypeShape } from '../canonical-record';
import { readFhirJson, readFhirXml } from './fhir.readers';
import { JSON_BUNDLE, XML_BUNDLE } from './fhir-bundles.fixture';

const SHAPE: RecordTypeShape = {
  id: 'patient-record',
  partyFields: ['patientId'],
  fields: ['patientId', 'patientName', 'date', 'careProvider', 'careUnit', 'documentType', 'title', 'author', 'signedBy', 'signedAt', 'sourceSystem', 'text']
    .map((name) => ({ name, kind: 'text' as const, multiple: false }))
    .concat([{ name: 'diagnosisCodes', kind: 'text' as const, multiple: true }]),
};

async function read(kind: 'json' | 'xml', content: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fhir-'));
  const path = join(dir, `bundle.${kind}`);
  writeFileSync(path, content);
  const findings = new FindingSink(`bundle.${kind}`);
  const records: CanonicalRecord[] = [];
  for await (const r of (kind === 'json' ? readFhirJson : readFhirXml)({ path, logicalPath: `bundle.${kind}` }, SHAPE, { documentTypes: { '18842-5': 'epikris' } }, findings)) records.push(r);
  return { records, findings: findings.findings };
}

describe('FHIR R4 bundles', () => {
  it('JSON: every record resource kind maps, with the Swedish identifier preferred and references resolved', async () => {
    const { records, findings } = await read('json', JSON.stringify(JSON_BUNDLE));
    expect(findings).toEqual([]);
    expect(records.map((r) => [r.recordId, r.fields.documentType])).toEqual([
      ['Encounter/e1', 'vårdkontakt'],
      ['Composition/c1', 'epikris'],
      ['DocumentReference/d1', 'dokument'],
      ['Observation/ob1', 'provsvar'],
      ['Condition/co1', 'diagnos'],
      ['MedicationStatement/m1', 'läkemedel'],
    ]);
    for (const r of records) expect(r.patient).toEqual({ id: '191212121212', issuer: '1.2.752.129.2.1.3.1' });
    const comp = records[1];
    expect(comp.fields).toMatchObject({ patientName: 'Tolvan Tolvansson', title: 'Epikris', author: 'Eva Ek', signedBy: 'Eva Ek', signedAt: '2019-04-03T08:00:00+02:00', careUnit: 'Vårdcentralen Ekeby', careProvider: 'Vårdcentralen Ekeby', date: '2019-04-02T15:00:00+02:00' });
    expect(comp.text).toBe('Bedömning\nHypertoni, välinställd.\nÅter om 3 månader.');
    expect(records[2].text).toBe('Remissvar: normalt ultraljud.');
    expect(records[3].text).toContain('6.1 mmol/L');
    expect(records[4].fields.diagnosisCodes).toEqual(['I10']);
    expect(records[5].text).toContain('1 tablett dagligen');
  });

  it('XML: the same resources read the same way', async () => {
    const { records, findings } = await read('xml', XML_BUNDLE);
    expect(findings).toEqual([]);
    expect(records.map((r) => r.recordId)).toEqual(['Composition/c1', 'Condition/co1']);
    expect(records[0].fields).toMatchObject({ patientName: 'Tolvan Tolvansson', documentType: 'epikris', author: 'Eva Ek', careProvider: 'Vårdcentralen Ekeby' });
    expect(records[0].text).toBe('Bedömning\nHypertoni, välinställd.\nÅter om 3 månader.');
    expect(records[1].fields.diagnosisCodes).toEqual(['I10']);
    expect(records[1].patient).toEqual({ id: '191212121212', issuer: '1.2.752.129.2.1.3.1' });
  });

  it('reports broken input and unresolvable patients as findings', async () => {
    expect((await read('json', '{"resourceType": "Bundle", ')).findings).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_JSON' })]);
    expect((await read('json', '{"resourceType": "Patient"}')).findings).toEqual([expect.objectContaining({ code: 'RECORD_UNEXPECTED_ROOT' })]);
    expect((await read('xml', '<Bundle xmlns="http://hl7.org/fhir"><entry>')).findings).toEqual([expect.objectContaining({ code: 'RECORD_XML_NOT_WELL_FORMED' })]);
    const orphan = { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Condition', id: 'x', subject: { reference: 'Patient/nobody' } } }] };
    expect((await read('json', JSON.stringify(orphan))).findings).toEqual([expect.objectContaining({ code: 'RECORD_MISSING_PATIENT', message: 'Condition x: the subject is not a Patient with an identifier in the bundle' })]);
    const bad = JSON.parse(JSON.stringify(JSON_BUNDLE)) as typeof JSON_BUNDLE;
    (bad.entry[0].resource as { identifier: unknown[] }).identifier = [{ system: 'urn:oid:1.2.752.129.2.1.3.1', value: '191212121213' }];
    const r = await read('json', JSON.stringify(bad));
    expect(r.findings.filter((f) => f.code === 'RECORD_INVALID_PERSONAL_ID')).toHaveLength(6);
    expect(JSON.stringify(r.findings)).not.toContain('191212121213');
  });
});
