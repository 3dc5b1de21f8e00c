import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../../../../test/support/shared-dir';
import { SIP_PROFILE } from './mets.builder';
import { PackageWriterError } from './package-writer.errors';
import { buildSip } from './sip.builder';
import { AWKWARD_NAME, makeSourceFolder, sipOptions, tempDir } from './testing/fixtures.test-helper';
import { checkPackage, listFiles, metsFiles, premisFiles } from './testing/package-checks.test-helper';
import { child, findAll, parseXml } from './testing/xml-tree.test-helper';
import { CATALOG, validateWithXmllint } from './testing/xsd-validation.test-helper';

describe('buildSip', () => {
  const source = makeSourceFolder();

  it('writes a folder SIP whose METS and PREMIS files validate against the official schemas', async () => {
    const out = tempDir('sip');
    const result = await buildSip(sipOptions(out, source));
    expect(result.path).toBe(join(out, 'sip-2026-0001'));
    expect(checkPackage(result.path, 'SIP')).toEqual([]);
    const xsd = validateWithXmllint([...metsFiles(result.path), ...premisFiles(result.path)]);
    expect(xsd.output).not.toMatch(/fails to validate|error/i);
    expect(xsd.ok).toBe(true);
    const ead = validateWithXmllint([join(result.path, 'metadata/descriptive/ead.xml')], join(SHARED_DIR, 'schemas/ead3/ead3.xsd'));
    expect(ead.ok).toBe(true);
  });

  it('carries earlier events (provenance) in the package PREMIS, which still validates', async () => {
    const result = await buildSip({
      ...sipOptions(tempDir('sip'), source),
      provenance: [
        { identifier: 'urn:x:event:1', type: 'ingestion', dateTime: '2025-01-01T00:00:00.000Z', outcome: 'success', detail: 'Ingested', agent: { identifier: 'urn:x:system', name: 'Archive', type: 'software' } },
        { identifier: 'urn:x:event:2', type: 'transfer', dateTime: '2026-01-01T00:00:00.000Z', outcome: 'success', outcomeDetail: '{"transferId":"t-1"}', agent: { identifier: 'urn:x:user:c', name: 'Cecilia', type: 'person' } },
        { identifier: 'urn:x:event:3', type: 'fixity check', dateTime: '2026-01-02T00:00:00.000Z', outcome: 'success', agent: { identifier: 'urn:x:system', name: 'Archive', type: 'software' } },
      ],
    });
    const premis = parseXml(readFileSync(join(result.path, 'metadata/preservation/premis.xml'), 'utf8'));
    expect(findAll(premis, 'eventType').map((e) => e.text)).toEqual(['creation', 'ingestion', 'transfer', 'fixity check']);
    expect(findAll(premis, 'agentName').map((a) => a.text)).toEqual(expect.arrayContaining(['Archive', 'Cecilia']));
    expect(findAll(premis, 'agentName').filter((a) => a.text === 'Archive')).toHaveLength(1);
    expect(checkPackage(result.path, 'SIP')).toEqual([]);
    expect(validateWithXmllint(premisFiles(result.path)).ok).toBe(true);
  });

  it('meets the E-ARK SIP header requirements, with Riksarkivet-style agent notes', async () => {
    const result = await buildSip(sipOptions(tempDir('sip'), source));
    const mets = parseXml(readFileSync(join(result.path, 'METS.xml'), 'utf8'));
    expect(mets.attrs.OBJID).toBe('sip-2026-0001');
    expect(mets.attrs.PROFILE).toBe(SIP_PROFILE);
    expect(mets.attrs.TYPE).toBe('Datasets');
    expect(mets.attrs['csip:CONTENTINFORMATIONTYPE']).toBe('MIXED');
    expect(mets.attrs.LABEL).toBe('Journaler & <protokoll> "Vård" – Region Örebro län');
    const hdr = child(mets, 'metsHdr')!;
    expect(hdr.attrs).toMatchObject({ CREATEDATE: '2026-01-02T03:04:05.678Z', RECORDSTATUS: 'NEW', 'csip:OAISPACKAGETYPE': 'SIP' });
    const agents = findAll(hdr, 'agent').map((a) => ({ ...a.attrs, name: child(a, 'name')?.text, notes: findAll(a, 'note').map((n) => [n.attrs['csip:NOTETYPE'], n.text]) }));
    expect(agents).toEqual([
      { ROLE: 'CREATOR', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE', name: 'Samarkiv', notes: [['SOFTWARE VERSION', '0.1.0']] },
      { ROLE: 'ARCHIVIST', TYPE: 'ORGANIZATION', name: 'Region Örebro län & Co', notes: [['IDENTIFICATIONCODE', 'ORG:232100-0164']] },
      { ROLE: 'CREATOR', TYPE: 'ORGANIZATION', name: 'Regionarkivet <Örebro>', notes: [['IDENTIFICATIONCODE', 'ORG:232100-0164']] },
      { ROLE: 'CREATOR', TYPE: 'INDIVIDUAL', name: 'Åsa Öberg', notes: [[undefined, 'Tel: 019-123 45'], [undefined, 'E-post: asa.oberg@example.se']] },
      { ROLE: 'PRESERVATION', TYPE: 'ORGANIZATION', name: 'Samarkiv', notes: [['IDENTIFICATIONCODE', 'ID:samarkiv']] },
    ]);
    expect(findAll(hdr, 'altRecordID').map((a) => [a.attrs.TYPE, a.text])).toEqual([
      ['SUBMISSIONAGREEMENT', 'RA 13-2011/5329; 2012-04-12'],
      ['REFERENCECODE', 'SE/ÖLA/12345'],
    ]);
  });

  it('points from the root structMap to each representation METS, mptr before fptr', async () => {
    const result = await buildSip(sipOptions(tempDir('sip'), source));
    const mets = parseXml(readFileSync(join(result.path, 'METS.xml'), 'utf8'));
    const repDiv = findAll(mets, 'div').find((d) => d.attrs.LABEL === 'Representations/rep1')!;
    expect(repDiv.children.map((c) => c.name)).toEqual(['mptr', 'fptr']);
    const group = findAll(mets, 'fileGrp').find((g) => g.attrs.USE === 'Representations/rep1')!;
    expect(repDiv.children[0].attrs).toMatchObject({ 'xlink:href': 'representations/rep1/METS.xml', 'xlink:title': group.attrs.ID, LOCTYPE: 'URL', 'xlink:type': 'simple' });
    expect(repDiv.children[1].attrs.FILEID).toBe(group.attrs.ID);
    const metadata = findAll(mets, 'div').find((d) => d.attrs.LABEL === 'Metadata')!;
    expect(metadata.attrs.DMDID).toBe(findAll(mets, 'dmdSec')[0].attrs.ID);
    expect(metadata.attrs.ADMID).toBe(findAll(mets, 'digiprovMD')[0].attrs.ID);
  });

  it('always has a Documentation file group (CSIP60): the producer\'s files, or a generated package description', async () => {
    const generated = await buildSip(sipOptions(tempDir('sip'), source));
    const docFiles = (path: string): string[] => {
      const mets = parseXml(readFileSync(join(path, 'METS.xml'), 'utf8'));
      const group = findAll(mets, 'fileGrp').find((g) => g.attrs.USE === 'Documentation')!;
      const div = findAll(mets, 'div').find((d) => d.attrs.LABEL === 'Documentation')!;
      expect(div.children[0].attrs.FILEID).toBe(group.attrs.ID);
      return findAll(group, 'FLocat').map((f) => decodeURIComponent(f.attrs['xlink:href']));
    };
    expect(docFiles(generated.path)).toEqual(['documentation/package-description.txt']);
    expect(readFileSync(join(generated.path, 'documentation/package-description.txt'), 'utf8')).toContain('Representation rep1: 3 files');
    const given = await buildSip(sipOptions(tempDir('sip'), source, { documentation: [join(source, AWKWARD_NAME)] }));
    expect(docFiles(given.path)).toEqual(['documentation/' + AWKWARD_NAME]);
  });

  it('escapes awkward names in XML and percent-encodes them in hrefs', async () => {
    const result = await buildSip(sipOptions(tempDir('sip'), source));
    const repXml = readFileSync(join(result.path, 'representations/rep1/METS.xml'), 'utf8');
    const hrefs = findAll(parseXml(repXml), 'FLocat').map((f) => f.attrs['xlink:href']);
    expect(hrefs).toEqual(['data/' + encodeURIComponent(AWKWARD_NAME), 'data/data%231%25.csv', 'data/undermapp%20med%20mellanslag/journal.pdf']);
    const premis = parseXml(readFileSync(join(result.path, 'representations/rep1/metadata/preservation/premis.xml'), 'utf8'));
    expect(findAll(premis, 'originalName').map((n) => n.text)).toContain(AWKWARD_NAME);
    expect(existsSync(join(result.path, 'representations/rep1/data', AWKWARD_NAME))).toBe(true);
  });

  it('is deterministic for the same input and clock', async () => {
    const a = await buildSip(sipOptions(tempDir('sip'), source));
    const b = await buildSip(sipOptions(tempDir('sip'), source));
    for (const file of listFiles(a.path)) expect(readFileSync(join(b.path, file))).toEqual(readFileSync(join(a.path, file)));
  });

  it('copies schemas into schemas/ only when a catalog is configured', async () => {
    const without = await buildSip(sipOptions(tempDir('sip'), source));
    expect(existsSync(join(without.path, 'schemas'))).toBe(false);
    const withCatalog = await buildSip(sipOptions(tempDir('sip'), source, { schemaCatalog: CATALOG }));
    expect(readdirSync(join(withCatalog.path, 'schemas')).sort()).toEqual(['DILCISExtensionMETS.xsd', 'DILCISExtensionSIPMETS.xsd', 'mets.xsd', 'premis.xsd', 'xlink.xsd']);
    expect(checkPackage(withCatalog.path, 'SIP')).toEqual([]);
    const mets = parseXml(readFileSync(join(withCatalog.path, 'METS.xml'), 'utf8'));
    expect(mets.attrs['xsi:schemaLocation']).toContain('http://www.loc.gov/METS/ schemas/mets.xsd');
    expect(findAll(mets, 'div').find((d) => d.attrs.LABEL === 'Schemas')?.children[0].attrs.FILEID).toBe(findAll(mets, 'fileGrp').find((g) => g.attrs.USE === 'Schemas')?.attrs.ID);
    expect(validateWithXmllint(metsFiles(withCatalog.path)).ok).toBe(true);
  });

  it('writes a streamed ZIP with exactly one root folder that holds the same package', async () => {
    const out = tempDir('sipzip');
    const zip = await buildSip(sipOptions(out, source, { format: 'zip', documentation: [join(source, AWKWARD_NAME)] }));
    expect(zip.path).toBe(join(out, 'sip-2026-0001.zip'));
    const extracted = tempDir('unzip');
    const unzip = spawnSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip.path, extracted]);
    expect(unzip.status).toBe(0);
    expect(readdirSync(extracted)).toEqual(['sip-2026-0001']);
    const root = join(extracted, 'sip-2026-0001');
    expect(checkPackage(root, 'SIP')).toEqual([]);
    expect(validateWithXmllint([...metsFiles(root), ...premisFiles(root)]).ok).toBe(true);
    expect(zip.files.map((f) => f.path)).toContain('documentation/' + AWKWARD_NAME);
  });

  it('streams files larger than the small-file threshold in both output formats', async () => {
    const big = tempDir('big');
    writeFileSync(join(big, 'scan.tif'), randomBytes(9 * 1024 * 1024 + 123));
    const folder = await buildSip(sipOptions(tempDir('sip'), big));
    expect(checkPackage(folder.path, 'SIP')).toEqual([]);
    const expected = createHash('sha256').update(readFileSync(join(big, 'scan.tif'))).digest('hex');
    expect(folder.files.find((f) => f.path.endsWith('scan.tif'))?.digests['SHA-256']).toBe(expected);
    const zip = await buildSip(sipOptions(tempDir('sip'), big, { format: 'zip' }));
    expect(zip.files.find((f) => f.path.endsWith('scan.tif'))?.digests['SHA-256']).toBe(expected);
    const extracted = tempDir('unzip');
    expect(spawnSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip.path, extracted]).status).toBe(0);
    expect(checkPackage(join(extracted, 'sip-2026-0001'), 'SIP')).toEqual([]);
  });

  it('writes SIP format attributes and PREMIS formats when the producer knows them', async () => {
    const result = await buildSip(
      sipOptions(tempDir('sip'), source, { formatOf: (_rep, path) => (path.endsWith('.pdf') ? { name: 'Acrobat PDF 1.4 - Portable Document Format', version: '1.4', puid: 'fmt/18' } : undefined) }),
    );
    const rep = parseXml(readFileSync(join(result.path, 'representations/rep1/METS.xml'), 'utf8'));
    const pdf = findAll(rep, 'file').find((f) => f.children[0].attrs['xlink:href'].endsWith('journal.pdf'))!;
    expect(pdf.attrs).toMatchObject({ 'sip:FILEFORMATNAME': 'Acrobat PDF 1.4 - Portable Document Format', 'sip:FILEFORMATVERSION': '1.4', 'sip:FORMATREGISTRY': 'PRONOM', 'sip:FORMATREGISTRYKEY': 'fmt/18' });
    expect(validateWithXmllint(metsFiles(result.path)).ok).toBe(true);
    const premis = readFileSync(join(result.path, 'representations/rep1/metadata/preservation/premis.xml'), 'utf8');
    expect(premis).toContain('<formatRegistryKey>fmt/18</formatRegistryKey>');
  });

  it('returns the digests of the written bytes, including extra algorithms', async () => {
    const result = await buildSip(sipOptions(tempDir('sip'), source, { extraDigests: ['SHA-512'] }));
    const journal = result.files.find((f) => f.path.endsWith('journal.pdf'))!;
    expect(journal.digests['SHA-512']).toMatch(/^[0-9a-f]{128}$/);
    expect(result.bytes).toBe(result.files.reduce((n, f) => n + f.size, 0));
  });

  it('is caught by the checks when the package is tampered with', async () => {
    const result = await buildSip(sipOptions(tempDir('sip'), source));
    appendFileSync(join(result.path, 'representations/rep1/data/data#1%.csv'), 'x');
    writeFileSync(join(result.path, 'representations/rep1/data/extra.txt'), 'not in METS');
    const problems = checkPackage(result.path, 'SIP');
    expect(problems.some((p) => p.includes('CHECKSUM does not match'))).toBe(true);
    expect(problems.some((p) => p.includes('not referenced') && p.includes('extra.txt'))).toBe(true);
    const mets = join(result.path, 'METS.xml');
    writeFileSync(mets, readFileSync(mets, 'utf8').replace('<metsHdr ', '<metsHeader ').replace('</metsHdr>', '</metsHeader>'));
    expect(validateWithXmllint([mets]).ok).toBe(false);
  });

  it('refuses symlinks and leaves no partial package behind', async () => {
    const bad = makeSourceFolder();
    symlinkSync('/etc/passwd', join(bad, 'link'));
    const out = tempDir('sip');
    await expect(buildSip(sipOptions(out, bad))).rejects.toBeInstanceOf(PackageWriterError);
    await expect(buildSip(sipOptions(out, bad, { format: 'zip' }))).rejects.toBeInstanceOf(PackageWriterError);
    expect(readdirSync(out)).toEqual([]);
    rmSync(bad, { recursive: true, force: true });
  });

  it('refuses to overwrite an existing package', async () => {
    const out = tempDir('sip');
    await buildSip(sipOptions(out, source));
    await expect(buildSip(sipOptions(out, source))).rejects.toThrow(/already exists/);
  });
});
