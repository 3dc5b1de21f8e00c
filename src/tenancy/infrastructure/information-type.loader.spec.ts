import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInformationTypes, parseInformationType } from './information-type.loader';

const CONFIG_DIR = join(__dirname, '../../../config/information-types');

const minimal = (id: string, extra = '') => `
id: ${id}
version: 1
labels: { sv: Prov, en: Sample }
description: { sv: Prov, en: Sample }
patientData: false
partyFields: []
retention: { years: 5, trigger: delivery-date }
searchRequires: [[title]]
fields:
  - { name: title, kind: text, labels: { sv: Titel, en: Title }, search: [fulltext] }
layout:
  sections:
    - { id: main, labels: { sv: Huvud, en: Main }, fields: [title] }
${extra}`;

describe('information type files', () => {
  it('loads the four shipped types', () => {
    const types = loadInformationTypes(CONFIG_DIR);
    expect(types.map((t) => t.id).sort()).toEqual(['documents', 'finance', 'patient-record', 'registry']);
    const pr = types.find((t) => t.id === 'patient-record')!;
    expect(pr.patientData).toBe(true);
    expect(pr.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['patientId', 'careUnit', 'diagnosisCodes', 'text']));
    expect(pr.fields.find((f) => f.name === 'date')!.sortable).toBe(true);
    expect(pr.fields.find((f) => f.name === 'patientId')!.shown).toBe(true); // default applied
  });

  it('adds a type by configuration only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'types-'));
    try {
      writeFileSync(join(dir, 'x-ray-referrals.yaml'), minimal('x-ray-referrals'));
      expect(loadInformationTypes(dir).map((t) => t.id)).toEqual(['x-ray-referrals']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file and the problem for schema violations', () => {
    expect(() => parseInformationType('bad.yaml', minimal('bad').replace('kind: text', 'kind: blob'))).toThrow(/^bad.yaml: .*\/fields\/0\/kind must be equal to one of the allowed values/);
  });

  it('refuses references to undeclared fields and duplicates', () => {
    const text = minimal('tt').replace('searchRequires: [[title]]', 'searchRequires: [[patientId]]');
    expect(() => parseInformationType('tt.yaml', text)).toThrow(/searchRequires names unknown field "patientId"/);
  });

  it('refuses a file whose name differs from its id, and broken YAML', () => {
    expect(() => parseInformationType('other.yaml', minimal('tt'))).toThrow(/file name must be tt.yaml/);
    expect(() => parseInformationType('tt.yaml', 'id: [unclosed')).toThrow(/not valid YAML/);
  });
});
