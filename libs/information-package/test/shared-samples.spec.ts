import { join } from 'node:path';
import { ValidationResult, validatePackage } from '@samarkiv/information-package';
import { SHARED_DIR } from '../../../test/support/shared-dir';
import { expectFinding } from './support/expect-finding';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');
const EARK = join(SHARED_DIR, 'samples/eark');
const FGS = join(SHARED_DIR, 'samples/fgs');

const cache = new Map<string, Promise<ValidationResult>>();
function check(path: string): Promise<ValidationResult> {
  let p = cache.get(path);
  if (!p) {
    p = validatePackage(path, { catalog: CATALOG });
    cache.set(path, p);
  }
  return p;
}

const errors = (r: ValidationResult, id?: string) => r.findings.filter((f) => f.severity === 'error' && (id === undefined || f.id === id));
const HEADER_IDS = ['CSIP1', 'CSIP2', 'CSIP6', 'CSIP117', 'CSIP7', 'CSIP9', 'CSIP10', 'CSIP11', 'CSIP12', 'CSIP13', 'CSIP14', 'CSIP15', 'CSIP16'];

// Assertions follow shared/samples/*/README.md: upstream verdicts plus the recorded quick checks.
describe('shared E-ARK samples', () => {
  jest.setTimeout(60_000);

  it('csip minimal_IP_with_schemas: METS schema-valid and header rules pass; the recorded xlink.xsd checksum/size mismatch is reported', async () => {
    const r = await check(join(EARK, 'valid/csip-example_minimal_IP_with_schemas.zip'));
    expect(errors(r, 'XSD')).toEqual([]);
    expect(errors(r).filter((f) => HEADER_IDS.includes(f.id))).toEqual([]);
    expect(errors(r, 'CSIP71').map((f) => f.message).join()).toContain('schemas/xlink.xsd');
    expect(errors(r, 'CSIP69').map((f) => f.message).join()).toContain('8052');
    expect(r.kind).toMatch(/^E-ARK/);
  });

  it('csip minimal_IP_noflscid: the missing fileSec/@ID is reported (CSIP59), plus the two recorded checksum mismatches', async () => {
    const r = await check(join(EARK, 'valid/csip-example_minimal_IP_noflscid.zip'));
    expectFinding(r, 'CSIP59', 'error');
    expect(errors(r, 'CSIP71')).toHaveLength(2);
    expect(errors(r, 'XSD')).toEqual([]);
  });

  it('commons-ip 6ab98a90: E-ARK SIP 2.2.0, both METS schema-valid, all checksums match', async () => {
    const r = await check(join(EARK, 'valid/commons-ip_6ab98a90-1686-4c74-9855-b2793a6d164d.zip'));
    expect(r).toMatchObject({ kind: 'E-ARK SIP', version: '2.2.0' });
    expect(errors(r, 'XSD')).toEqual([]);
    expect(r.findings.filter((f) => /mismatch|not in the package/.test(f.message))).toEqual([]);
    expect(errors(r).filter((f) => HEADER_IDS.includes(f.id) || f.id.startsWith('SIP'))).toEqual([]);
  });

  it('commons-ip Simple-EARK-SIP: "+" in hrefs resolves to the folder with a space, reported as information', async () => {
    const r = await check(join(EARK, 'valid/commons-ip_Simple-EARK-SIP.zip'));
    expect(errors(r, 'XSD')).toEqual([]);
    expect(r.findings.filter((f) => /not in the package|mismatch/.test(f.message))).toEqual([]);
    expect(r.findings.some((f) => f.id === 'CSIP79' && f.severity === 'info' && f.message.includes('+'))).toBe(true);
  });

  it('csip minimal_IP_invmets: invalid, fails schema validation (<mets:namez>)', async () => {
    const r = await check(join(EARK, 'invalid/csip-example_minimal_IP_invmets.zip'));
    expect(r.valid).toBe(false);
    expect(errors(r, 'XSD').some((f) => f.message.includes('namez') && f.location.startsWith('METS.xml'))).toBe(true);
  });

  it('csip minimal_IP_nocrtdt: invalid, no metsHdr/@CREATEDATE (CSIP7)', async () => {
    const r = await check(join(EARK, 'invalid/csip-example_minimal_IP_nocrtdt.zip'));
    expect(r.valid).toBe(false);
    expectFinding(r, 'CSIP7', 'error');
    expect(errors(r, 'XSD')).toEqual([]);
  });

  it('csip minimal_IP_nomtshdr: invalid, no metsHdr (CSIP117)', async () => {
    const r = await check(join(EARK, 'invalid/csip-example_minimal_IP_nomtshdr.zip'));
    expect(r.valid).toBe(false);
    expectFinding(r, 'CSIP117', 'error');
  });

  it('csip minimal_IP_nopcktyp: invalid, no @csip:OAISPACKAGETYPE (CSIP9)', async () => {
    const r = await check(join(EARK, 'invalid/csip-example_minimal_IP_nopcktyp.zip'));
    expect(r.valid).toBe(false);
    expectFinding(r, 'CSIP9', 'error');
  });

  it('commons-ip Full-EARK-SIP: invalid as a SIP 2.x although all three METS are schema-valid', async () => {
    const r = await check(join(EARK, 'invalid/commons-ip_Full-EARK-SIP.zip'));
    expect(r.valid).toBe(false);
    expect(r.kind).toBe('E-ARK SIP');
    expect(errors(r, 'XSD').filter((f) => f.location.includes('METS.xml'))).toEqual([]);
    expectFinding(r, 'SIP2', 'error');
  });

  it('legacy E-ARK SIP 1.4 example: not a 2.x package and fails current CSIP rules (no csip: attributes)', async () => {
    const r = await check(join(EARK, 'legacy/eark-sip-example_a46ab3d0-c710-4d73-b58d-e93e30b53a82.zip'));
    expect(r.valid).toBe(false);
    expect(r.version).toBeNull();
    expectFinding(r, 'CSIP9', 'error');
    expectFinding(r, 'DETECT', 'warning');
  });
});

describe('shared FGS samples', () => {
  jest.setTimeout(60_000);

  it('ESSArch FGS 1.1 SIP: detected as FGS 1.1, schema-valid, all 8 checksums and sizes match', async () => {
    const r = await check(join(FGS, 'af268c33-5ba8-4af5-9a44-039b10126835.tar'));
    expect(r).toMatchObject({ valid: true, kind: 'FGS 1.x', version: '1.1' });
    expect(errors(r)).toEqual([]);
    expect(r.findings.filter((f) => f.id === 'XSD')).toEqual([]);
  });

  it('docx fixture: invalid, the fileSec lists six PDFs that are missing and the docx/doc are unlisted', async () => {
    const r = await check(join(FGS, 'docx-fixture-inconsistent.tar'));
    expect(r.valid).toBe(false);
    expect(errors(r, 'FGS11').filter((f) => f.message.includes('.pdf'))).toHaveLength(6);
    const unlisted = r.findings.filter((f) => f.id === 'FGS13').map((f) => f.location);
    expect(unlisted).toEqual(expect.arrayContaining(['content/test.docx', 'content/test2.doc']));
  });
});
