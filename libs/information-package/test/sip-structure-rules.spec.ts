import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Severity, validatePackage } from '@samarkiv/information-package';
import { expectFinding, replaceOnce as r } from './support/expect-finding';
import { SipFixtureOptions, writeSipFixture } from './support/sip-fixture';
import { useTempDir } from './support/temp-dir';

interface Case {
  id: string;
  severity: Severity;
  why: string;
  options: SipFixtureOptions;
}

const ARCHIVIST = '<agent ROLE="ARCHIVIST" TYPE="ORGANIZATION"><name>Region Testland</name><note csip:NOTETYPE="IDENTIFICATIONCODE">ORG:2321000000</note></agent>';
const SUBMITTER = '<agent ROLE="CREATOR" TYPE="ORGANIZATION"><name>Region Testland IT</name><note csip:NOTETYPE="IDENTIFICATIONCODE">ORG:2321000001</note></agent>';
const root = (edit: (x: string) => string): SipFixtureOptions => ({ editRootMets: edit });
const remove = (...rels: string[]): SipFixtureOptions => ({ after: (dir) => rels.forEach((rel) => rmSync(join(dir, rel), { recursive: true, force: true })) });

const CASES: Case[] = [
  { id: 'SIP2', severity: 'error', why: 'CSIP profile on a SIP', options: root((x) => r(x, /PROFILE="[^"]*"/, 'PROFILE="https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"')) },
  { id: 'SIP3', severity: 'info', why: 'RECORDSTATUS outside the vocabulary', options: root((x) => r(x, 'RECORDSTATUS="NEW"', 'RECORDSTATUS="FRESH"')) },
  { id: 'SIP4', severity: 'error', why: 'OAISPACKAGETYPE is not SIP', options: root((x) => r(x, 'csip:OAISPACKAGETYPE="SIP"', 'csip:OAISPACKAGETYPE="AIC"')) },
  { id: 'SIP5', severity: 'info', why: 'altRecordID type outside the vocabulary', options: root((x) => r(x, 'TYPE="SUBMISSIONAGREEMENT"', 'TYPE="AGREEMENT"')) },
  { id: 'SIP11', severity: 'error', why: 'archival creator TYPE', options: root((x) => r(x, 'ROLE="ARCHIVIST" TYPE="ORGANIZATION"', 'ROLE="ARCHIVIST" TYPE="OTHER"')) },
  { id: 'SIP12', severity: 'error', why: 'archival creator without name', options: root((x) => r(x, '<name>Region Testland</name>', '')) },
  { id: 'SIP14', severity: 'error', why: 'archival creator note type', options: root((x) => r(x, ARCHIVIST, ARCHIVIST.replace('IDENTIFICATIONCODE', 'ORGNR'))) },
  { id: 'SIP15', severity: 'error', why: 'no submitting agent', options: root((x) => r(x, SUBMITTER, '')) },
  { id: 'SIP18', severity: 'error', why: 'submitting agent without name', options: root((x) => r(x, '<name>Region Testland IT</name>', '')) },
  { id: 'SIP20', severity: 'error', why: 'submitting agent note type', options: root((x) => r(x, SUBMITTER, SUBMITTER.replace('IDENTIFICATIONCODE', 'SOFTWARE VERSION'))) },
  { id: 'SIP24', severity: 'error', why: 'contact person without name', options: root((x) => r(x, '</metsHdr>', '<agent ROLE="CREATOR" TYPE="INDIVIDUAL"><note>070-000 00 00</note></agent>\n    <altRecordID TYPE="REFERENCECODE">SE/RA/1</altRecordID></metsHdr>')) },
  { id: 'SIP28', severity: 'error', why: 'preservation agent is a person', options: root((x) => r(x, SUBMITTER, `${SUBMITTER}<agent ROLE="PRESERVATION" TYPE="INDIVIDUAL"><name>A</name></agent>`)) },
  { id: 'SIP29', severity: 'error', why: 'preservation agent without name', options: root((x) => r(x, SUBMITTER, `${SUBMITTER}<agent ROLE="PRESERVATION" TYPE="ORGANIZATION"></agent>`)) },
  { id: 'SIP31', severity: 'error', why: 'preservation agent note type', options: root((x) => r(x, SUBMITTER, `${SUBMITTER}<agent ROLE="PRESERVATION" TYPE="ORGANIZATION"><name>Arkiv</name><note>x</note></agent>`)) },
  { id: 'CSIPSTR2', severity: 'warning', why: 'root folder not named after OBJID', options: root((x) => r(x, 'OBJID="sip-fixture-1"', 'OBJID="another-id"')) },
  { id: 'CSIPSTR4', severity: 'error', why: 'METS.xml in the wrong case', options: { after: (dir) => renameSync(join(dir, 'METS.xml'), join(dir, 'mets.xml')) } },
  { id: 'CSIPSTR5', severity: 'warning', why: 'no metadata folder', options: { ...remove('metadata'), editRootMets: (x) => r(r(r(x, /<dmdSec[\s\S]*?<\/dmdSec>/, ''), /<amdSec[\s\S]*?<\/amdSec>/, ''), /<div ID="div-metadata"[^>]*\/>/, '') } },
  { id: 'CSIPSTR6', severity: 'warning', why: 'PREMIS outside metadata/preservation', options: { extraFiles: { 'metadata/premis.xml': 'x' }, editRootMets: (x) => r(x, 'metadata/preservation/premis.xml', 'metadata/premis.xml') } },
  { id: 'CSIPSTR7', severity: 'warning', why: 'descriptive metadata outside metadata/descriptive', options: { extraFiles: { 'metadata/dc.xml': 'x' }, editRootMets: (x) => r(x, 'metadata/descriptive/dc.xml', 'metadata/dc.xml') } },
  { id: 'CSIPSTR9', severity: 'warning', why: 'no representations folder', options: { ...remove('representations'), editRootMets: (x) => r(r(x, /<fileGrp ID="grp-rep1"[\s\S]*?<\/fileGrp>/, ''), /<div ID="div-rep1"[\s\S]*?<\/div>/, '') } },
  { id: 'CSIPSTR10', severity: 'warning', why: 'file directly in representations/', options: { extraFiles: { 'representations/loose.txt': 'x' } } },
  { id: 'CSIPSTR11', severity: 'warning', why: 'representation without data folder', options: { extraFiles: { 'representations/rep2/METS.txt': 'x' } } },
  { id: 'CSIPSTR12', severity: 'warning', why: 'representation without METS.xml', options: { extraFiles: { 'representations/rep2/data/x.txt': 'x' } } },
  { id: 'CSIPSTR13', severity: 'warning', why: 'representation without metadata folder', options: remove('representations/rep1/metadata') },
  { id: 'CSIPSTR15', severity: 'warning', why: 'no schemas folder', options: remove('schemas') },
  { id: 'CSIPSTR16', severity: 'warning', why: 'no documentation folder', options: { ...remove('documentation'), editRootMets: (x) => r(r(x, /<fileGrp ID="grp-documentation"[\s\S]*?<\/fileGrp>/, ''), /<div ID="div-documentation"[\s\S]*?<\/div>/, '') } },
];

describe('SIP header rules and CSIP structure rules: one broken package per requirement', () => {
  const tmp = useTempDir('sip-rules');

  it.each(CASES.map((c, i) => [c.id, c.why, i] as const))('%s (%s)', async (_id, _why, i) => {
    const c = CASES[i];
    const pkg = writeSipFixture(join(tmp(), `case-${i}`), c.options);
    const result = await validatePackage(pkg);
    expectFinding(result, c.id, c.severity);
    if (c.severity === 'error') expect(result.valid).toBe(false);
  });

  it('applies the SIP 2.1.0 levels when the package names the 2.1.0 profile (SIP18 is MAY there)', async () => {
    const pkg = writeSipFixture(join(tmp(), 'v210'), {
      editRootMets: (x) => r(r(x, /E-ARK-SIP-v2-2-0\.xml/, 'E-ARK-SIP-v2-1-0.xml'), '<name>Region Testland IT</name>', ''),
    });
    const result = await validatePackage(pkg);
    expect(result.version).toBe('2.1.0');
    expectFinding(result, 'SIP18', 'info');
    expect(result.findings.filter((f) => f.id === 'SIP18' && f.severity === 'error')).toEqual([]);
  });
});
