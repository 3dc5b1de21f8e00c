import { validatePackage } from '../validate/package.validator';
import { SHARED_DIR } from '../../../../test/support/shared-dir';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WriteDipOptions } from './dip.options';
import { writeDip } from './dip.writer';
import { DIP_PROFILE } from './mets.builder';
import { FIXED_CLOCK, tempDir } from './testing/fixtures.test-helper';
import { checkPackage, metsFiles, premisFiles } from './testing/package-checks.test-helper';
import { child, findAll, parseXml } from './testing/xml-tree.test-helper';
import { CATALOG, validateWithXmllint } from './testing/xsd-validation.test-helper';

function dipOptions(outputDir: string, overrides: Partial<WriteDipOptions> = {}): WriteDipOptions {
  const src = tempDir('dipsrc');
  writeFileSync(join(src, 'journal.pdf'), '%PDF-1.7\n%%EOF\n');
  writeFileSync(join(src, 'röntgen "bild" & svar.txt'), 'Svar: utan anmärkning\n');
  return {
    objid: 'dip-2026-0042',
    outputDir,
    label: 'Utlämnande <del> 1 & 2',
    records: [
      {
        id: 'journal/19121212-1212',
        informationType: 'patient-record',
        metadata: { format: 'json', content: { title: 'Journal för Tolvan Tolvansson', unit: 'Vårdcentral Åre', codes: ['Z00.0'] } },
        files: [{ source: join(src, 'journal.pdf') }, { source: join(src, 'röntgen "bild" & svar.txt') }],
        sourceAipId: 'urn:uuid:6f1c7d3e-2b9a-4c1e-9d7a-0a1b2c3d4e5f',
        sourceDeliveryId: 'urn:samarkiv:delivery:0b6c5a1e-4d2f-4e8a-9c3b-1a2b3c4d5e6f',
      },
      {
        id: 'journal/19121212-1212',
        informationType: 'case-file',
        metadata: { format: 'xml', content: '<?xml version="1.0" encoding="UTF-8"?>\n<record><title>Ärende &amp; beslut</title></record>\n', mdType: 'OTHER', otherMdType: 'Samarkiv record XML' },
        files: [],
      },
    ],
    provenance: {
      disseminator: { name: 'Regionarkivet Jämtland Härjedalen', organisationNumber: '232100-0214' },
      requester: { name: 'Tolvan Tolvansson', type: 'person' },
      purpose: 'utlämnande av allmän handling',
      decisionReference: 'RJH 2026/123',
    },
    clock: FIXED_CLOCK,
    durable: false,
    ...overrides,
  };
}

describe('writeDip', () => {
  it('writes a DIP of records with their metadata and files that passes the checks and the schemas', async () => {
    const dip = await writeDip(dipOptions(tempDir('dip')));
    expect(checkPackage(dip.path, 'DIP')).toEqual([]);
    const xsd = validateWithXmllint([...metsFiles(dip.path), ...premisFiles(dip.path)]);
    expect(xsd.output).not.toMatch(/fails to validate/);
    expect(xsd.ok).toBe(true);
    const mets = parseXml(readFileSync(join(dip.path, 'METS.xml'), 'utf8'));
    expect(mets.attrs.PROFILE).toBe(DIP_PROFILE);
    expect(child(mets, 'metsHdr')?.attrs['csip:OAISPACKAGETYPE']).toBe('DIP');
    expect(findAll(mets, 'dmdSec').map((d) => child(d, 'mdRef')?.attrs.MIMETYPE)).toEqual(['application/json', 'application/xml']);
    const repDivs = findAll(mets, 'div').filter((d) => (d.attrs.LABEL ?? '').startsWith('Representations/'));
    expect(repDivs.map((d) => d.attrs.LABEL)).toEqual(['Representations/journal-19121212-1212']);
    expect(repDivs[0].attrs.DMDID).toBe(findAll(mets, 'dmdSec')[0].attrs.ID);
    expect(readdirSync(join(dip.path, 'metadata/descriptive')).sort()).toEqual(['journal-19121212-1212-2.xml', 'journal-19121212-1212.json']);
  });

  it('passes our own package validator with no error finding', async () => {
    const dip = await writeDip(dipOptions(tempDir('dip')));
    const result = await validatePackage(dip.path, { catalog: join(SHARED_DIR, 'schemas', 'catalog.xml') });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('records the dissemination with its agents and the source AIP in PREMIS', async () => {
    const dip = await writeDip(dipOptions(tempDir('dip')));
    const premis = parseXml(readFileSync(join(dip.path, 'metadata/preservation/premis.xml'), 'utf8'));
    const event = findAll(premis, 'event')[0];
    expect(child(event, 'eventType')?.text).toBe('dissemination');
    expect(findAll(event, 'eventDetail')[0].text).toBe('utlämnande av allmän handling; decision RJH 2026/123');
    expect(findAll(event, 'linkingAgentRole').map((n) => n.text)).toEqual(['executing program', 'implementer', 'recipient']);
    expect(findAll(premis, 'relatedObjectIdentifierValue').map((n) => n.text)).toEqual(['urn:uuid:6f1c7d3e-2b9a-4c1e-9d7a-0a1b2c3d4e5f', 'urn:samarkiv:delivery:0b6c5a1e-4d2f-4e8a-9c3b-1a2b3c4d5e6f']);
  });

  it('writes the same DIP as a ZIP with one root folder, schemas included from the catalog', async () => {
    const out = tempDir('dipzip');
    const zip = await writeDip(dipOptions(out, { format: 'zip', schemaCatalog: CATALOG }));
    const extracted = tempDir('dipunzip');
    expect(spawnSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip.path, extracted]).status).toBe(0);
    expect(readdirSync(extracted)).toEqual(['dip-2026-0042']);
    const root = join(extracted, 'dip-2026-0042');
    expect(checkPackage(root, 'DIP')).toEqual([]);
    expect(validateWithXmllint([...metsFiles(root), ...premisFiles(root)]).ok).toBe(true);
  });
});
