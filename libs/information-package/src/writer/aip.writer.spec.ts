import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AipFileFact, WriteAipOptions } from './aip.options';
import { writeAip } from './aip.writer';
import { validatePackage } from '../validate/package.validator';
import { SHARED_DIR } from '../../../../test/support/shared-dir';
import { AIP_PROFILE } from './mets.builder';
import { PackageWriterError } from './package-writer.errors';
import { buildSip } from './sip.builder';
import { FIXED_CLOCK, makeSourceFolder, sipOptions, tempDir } from './testing/fixtures.test-helper';
import { checkPackage, listFiles, metsFiles, premisFiles } from './testing/package-checks.test-helper';
import { child, findAll, parseXml } from './testing/xml-tree.test-helper';
import { validateWithXmllint } from './testing/xsd-validation.test-helper';

async function ingestedSip(): Promise<{ sipDir: string; facts: AipFileFact[] }> {
  const sip = await buildSip(sipOptions(tempDir('sip'), makeSourceFolder(), { extraDigests: ['SHA-512'] }));
  const facts = sip.files.map<AipFileFact>((f) => ({
    path: f.path,
    size: f.size,
    digests: f.digests,
    mimeType: f.mimeType,
    format: f.path.endsWith('.pdf') ? { name: 'Acrobat PDF 1.4 - Portable Document Format', version: '1.4', puid: 'fmt/18', basis: 'signature' } : undefined,
  }));
  return { sipDir: sip.path, facts };
}

function aipOptions(targetDir: string, sipDir: string, files: AipFileFact[], overrides: Partial<WriteAipOptions> = {}): WriteAipOptions {
  const at = '2026-01-02T03:04:05.000Z';
  return {
    objid: 'urn:uuid:6f1c7d3e-2b9a-4c1e-9d7a-0a1b2c3d4e5f',
    targetDir,
    sipDir,
    files,
    label: 'Journaler & <protokoll>',
    contentCategory: 'Datasets',
    preservationAgent: { name: 'Regionarkivet i Örebro län', organisationNumber: '232100-0164' },
    otherAgents: [{ key: 'droid', name: 'DROID-compatible identifier', type: 'software', version: 'V120' }],
    events: [
      { type: 'ingestion', dateTime: at, outcome: 'success', agents: [{ key: 'software', role: 'executing program' }, { key: 'preservation', role: 'authorizer' }] },
      { type: 'validation', dateTime: at, outcome: 'success', detail: 'E-ARK SIP 2.2.0: no error findings' },
      { type: 'message digest calculation', dateTime: at, outcome: 'success', objects: files.map((f) => f.path) },
      { type: 'format identification', dateTime: at, outcome: 'success', agents: [{ key: 'droid', role: 'executing program' }], objects: files.filter((f) => f.format).map((f) => f.path) },
    ],
    rights: [
      {
        basis: { basis: 'statute', jurisdiction: 'SE', citation: 'Offentlighets- och sekretesslag (2009:400) 25 kap. 1 §' },
        granted: [{ act: 'disseminate', restriction: 'disallow', note: 'Sekretessprövning krävs före utlämnande' }],
        agents: [{ key: 'preservation', role: 'rightsholder' }],
      },
    ],
    clock: FIXED_CLOCK,
    durable: false,
    ...overrides,
  };
}

describe('writeAip', () => {
  it('keeps the SIP unchanged under submission/ and describes every file, schema-valid', async () => {
    const { sipDir, facts } = await ingestedSip();
    const target = tempDir('aip');
    const aip = await writeAip(aipOptions(target, sipDir, facts));
    expect(aip.path).toBe(join(target, 'urn:uuid:6f1c7d3e-2b9a-4c1e-9d7a-0a1b2c3d4e5f'));
    for (const file of listFiles(sipDir)) expect(readFileSync(join(aip.path, 'submission/sip-2026-0001', file))).toEqual(readFileSync(join(sipDir, file)));
    expect(existsSync(sipDir)).toBe(true);
    expect(checkPackage(aip.path, 'AIP')).toEqual([]);
    const xsd = validateWithXmllint([...metsFiles(aip.path), ...premisFiles(aip.path)]);
    expect(xsd.output).not.toMatch(/fails to validate/);
    expect(xsd.ok).toBe(true);
  });

  it('passes our own package validator with no error finding', async () => {
    const { sipDir, facts } = await ingestedSip();
    const aip = await writeAip(aipOptions(tempDir('aip'), sipDir, facts));
    const result = await validatePackage(aip.path, { catalog: join(SHARED_DIR, 'schemas', 'catalog.xml') });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('writes an AIP METS header and structMap that point at the submission and its representations', async () => {
    const { sipDir, facts } = await ingestedSip();
    const aip = await writeAip(aipOptions(tempDir('aip'), sipDir, facts));
    const mets = parseXml(readFileSync(join(aip.path, 'METS.xml'), 'utf8'));
    expect(mets.attrs.PROFILE).toBe(AIP_PROFILE);
    expect(child(mets, 'metsHdr')?.attrs['csip:OAISPACKAGETYPE']).toBe('AIP');
    const digiprov = findAll(mets, 'digiprovMD');
    expect(digiprov.map((d) => child(d, 'mdRef')?.attrs.MDTYPE)).toEqual(['PREMIS']);
    const labels = findAll(mets, 'div').map((d) => d.attrs.LABEL);
    expect(labels).toEqual(['urn:uuid:6f1c7d3e-2b9a-4c1e-9d7a-0a1b2c3d4e5f', 'Metadata', 'Documentation', 'Submission', 'Representations/rep1']);
    const hrefs = findAll(mets, 'mptr').map((m) => m.attrs['xlink:href']);
    expect(hrefs).toEqual(['submission/sip-2026-0001/METS.xml', 'submission/sip-2026-0001/representations/rep1/METS.xml']);
  });

  it('records PREMIS fixity, PRONOM formats, events with agents and objects, and rights', async () => {
    const { sipDir, facts } = await ingestedSip();
    const aip = await writeAip(aipOptions(tempDir('aip'), sipDir, facts));
    const premis = parseXml(readFileSync(join(aip.path, 'metadata/preservation/premis.xml'), 'utf8'));
    const files = findAll(premis, 'object').filter((o) => o.attrs['xsi:type'] === 'file');
    expect(files).toHaveLength(facts.length);
    const pdf = files.find((o) => findAll(o, 'originalName')[0]?.text.endsWith('journal.pdf'))!;
    expect(findAll(pdf, 'messageDigestAlgorithm').map((n) => n.text)).toEqual(['SHA-256', 'SHA-512']);
    expect(findAll(pdf, 'formatRegistryKey')[0].text).toBe('fmt/18');
    const events = findAll(premis, 'event');
    expect(events.map((e) => child(e, 'eventType')?.text)).toEqual(['ingestion', 'validation', 'message digest calculation', 'format identification']);
    for (const e of events) {
      expect(findAll(e, 'eventOutcome')[0].text).toBe('success');
      expect(findAll(e, 'linkingAgentIdentifier').length).toBeGreaterThan(0);
      expect(findAll(e, 'linkingObjectIdentifier').length).toBeGreaterThan(0);
    }
    const agentIds = new Set(findAll(premis, 'agentIdentifierValue').map((n) => n.text));
    for (const id of findAll(premis, 'linkingAgentIdentifierValue').map((n) => n.text)) expect(agentIds.has(id)).toBe(true);
    const objectIds = new Set(findAll(premis, 'objectIdentifierValue').map((n) => n.text));
    for (const id of findAll(premis, 'linkingObjectIdentifierValue').map((n) => n.text)) expect(objectIds.has(id)).toBe(true);
    expect(findAll(premis, 'statuteCitation')[0].text).toContain('2009:400');
  });

  it('moves the SIP instead of copying it when asked', async () => {
    const { sipDir, facts } = await ingestedSip();
    const aip = await writeAip(aipOptions(tempDir('aip'), sipDir, facts, { sipTransfer: 'move', extraDigests: ['SHA-512'] }));
    expect(existsSync(sipDir)).toBe(false);
    for (const file of aip.files) expect(file.digests['SHA-512']).toMatch(/^[0-9a-f]{128}$/);
    expect(checkPackage(aip.path, 'AIP')).toEqual([]);
  });

  it('puts a moved SIP back when the AIP cannot be completed', async () => {
    const { sipDir, facts } = await ingestedSip();
    const before = listFiles(sipDir);
    const target = tempDir('aip');
    await expect(writeAip(aipOptions(target, sipDir, facts, { sipTransfer: 'move', schemaCatalog: join(target, 'missing-catalog.xml') }))).rejects.toBeInstanceOf(PackageWriterError);
    expect(listFiles(sipDir)).toEqual(before);
    expect(listFiles(target)).toEqual([]);
  });

  it('refuses facts that do not match the SIP and leaves nothing behind', async () => {
    const { sipDir, facts } = await ingestedSip();
    const target = tempDir('aip');
    await expect(writeAip(aipOptions(target, sipDir, facts.slice(1)))).rejects.toBeInstanceOf(PackageWriterError);
    const wrongSize = facts.map((f, i) => (i === 0 ? { ...f, size: f.size + 1 } : f));
    await expect(writeAip(aipOptions(target, sipDir, wrongSize))).rejects.toThrow(/differs/);
    expect(listFiles(target)).toEqual([]);
  });
});

describe('writeAip with metadata the archive adds', () => {
  it('copies other metadata into metadata/other/, references it from a techMD, and stays valid', async () => {
    const { sipDir, facts } = await ingestedSip();
    const records = join(tempDir('records'), 'records.jsonl');
    writeFileSync(records, '{"recordId":"r1"}\n{"recordId":"r2"}\n');
    const aip = await writeAip(aipOptions(tempDir('aip'), sipDir, facts, { otherMetadata: [{ source: records, name: 'records.jsonl', mimeType: 'application/x-ndjson', otherMdType: 'samarkiv-records-jsonl' }] }));
    expect(readFileSync(join(aip.path, 'metadata/other/records.jsonl'), 'utf8')).toBe('{"recordId":"r1"}\n{"recordId":"r2"}\n');
    const mets = readFileSync(join(aip.path, 'METS.xml'), 'utf8');
    expect(mets).toMatch(/<techMD ID="[^"]+"[^>]*>\s*<mdRef [^>]*xlink:href="metadata\/other\/records.jsonl"[^>]*MDTYPE="OTHER" OTHERMDTYPE="samarkiv-records-jsonl"/);
    expect(checkPackage(aip.path, 'AIP')).toEqual([]);
    expect(validateWithXmllint(metsFiles(aip.path)).ok).toBe(true);
    const result = await validatePackage(aip.path, { catalog: join(SHARED_DIR, 'schemas', 'catalog.xml') });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
