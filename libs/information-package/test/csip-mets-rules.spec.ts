import { join } from 'node:path';
import { Severity, validatePackage } from '@samarkiv/information-package';
import { expectFinding, replaceOnce as r } from './support/expect-finding';
import { SipFixtureOptions, writeSipFixture } from './support/sip-fixture';
import { useTempDir } from './support/temp-dir';

type Edit = (xml: string) => string;
interface Case {
  id: string;
  severity: Severity;
  why: string;
  root?: Edit;
  rep?: Edit;
  options?: SipFixtureOptions;
}

const SOFTWARE_AGENT = /<agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"><name>Samarkiv fixture<\/name><note csip:NOTETYPE="SOFTWARE VERSION">1.0<\/note><\/agent>/;
const DMD_REF = /<mdRef ([^>]*)MDTYPE="DC"/;
const PREMIS_REF = /<mdRef ([^>]*)MDTYPE="PREMIS"/;
const onDmdRef = (from: string, to: string): Edit => (x) => x.replace(/<mdRef [^>]*MDTYPE="DC"[^>]*\/>/, (m) => r(m, from, to));
const onPremisRef = (from: string, to: string): Edit => (x) => x.replace(/<mdRef [^>]*MDTYPE="PREMIS"[^>]*\/>/, (m) => r(m, from, to));
const onDocFile = (from: string, to: string): Edit => (x) => x.replace(/<file ID="file-doc-1"[\s\S]*?<\/file>/, (m) => r(m, from, to));
const onMptr = (from: string, to: string): Edit => (x) => x.replace(/<mptr [^>]*\/>/, (m) => r(m, from, to));
const RIGHTS = (attrs: string): Edit => (x) => r(x, '<digiprovMD', `<rightsMD ${attrs}><mdWrap MDTYPE="OTHER"><xmlData/></mdWrap></rightsMD>\n    <digiprovMD`);

const CASES: Case[] = [
  { id: 'CSIP1', severity: 'error', why: 'no OBJID', root: (x) => r(x, 'OBJID="sip-fixture-1" ', '') },
  { id: 'CSIP2', severity: 'error', why: 'TYPE outside the vocabulary', root: (x) => r(x, 'TYPE="Mixed"', 'TYPE="Patient stuff"') },
  { id: 'CSIP2', severity: 'error', why: 'no TYPE', root: (x) => r(x, 'TYPE="Mixed" ', '') },
  { id: 'CSIP3', severity: 'warning', why: 'TYPE OTHER without OTHERTYPE', root: (x) => r(x, 'TYPE="Mixed"', 'TYPE="Other"') },
  { id: 'CSIP4', severity: 'warning', why: 'root without CONTENTINFORMATIONTYPE', root: (x) => r(x, 'csip:CONTENTINFORMATIONTYPE="MIXED" PROFILE', 'PROFILE') },
  { id: 'CSIP4', severity: 'error', why: 'representation METS without CONTENTINFORMATIONTYPE (mandatory there)', rep: (x) => r(x, 'csip:CONTENTINFORMATIONTYPE="MIXED" ', '') },
  { id: 'CSIP5', severity: 'info', why: 'CONTENTINFORMATIONTYPE OTHER without the other type', root: (x) => r(x, 'csip:CONTENTINFORMATIONTYPE="MIXED" PROFILE', 'csip:CONTENTINFORMATIONTYPE="OTHER" PROFILE') },
  { id: 'CSIP6', severity: 'error', why: 'no PROFILE', root: (x) => r(x, / PROFILE="[^"]*"/, '') },
  { id: 'CSIP117', severity: 'error', why: 'no metsHdr', root: (x) => r(x, /<metsHdr[\s\S]*?<\/metsHdr>/, '') },
  { id: 'CSIP7', severity: 'error', why: 'no CREATEDATE', root: (x) => r(x, /<metsHdr CREATEDATE="[^"]*"/, '<metsHdr') },
  { id: 'CSIP7', severity: 'error', why: 'CREATEDATE not a dateTime', root: (x) => r(x, /<metsHdr CREATEDATE="[^"]*"/, '<metsHdr CREATEDATE="15 jan 2026"') },
  { id: 'CSIP8', severity: 'warning', why: 'LASTMODDATE not a dateTime', root: (x) => r(x, '<metsHdr ', '<metsHdr LASTMODDATE="yesterday" ') },
  { id: 'CSIP9', severity: 'error', why: 'no OAISPACKAGETYPE', root: (x) => r(x, ' csip:OAISPACKAGETYPE="SIP"', '') },
  { id: 'CSIP9', severity: 'error', why: 'OAISPACKAGETYPE outside the vocabulary', root: (x) => r(x, 'csip:OAISPACKAGETYPE="SIP"', 'csip:OAISPACKAGETYPE="XIP"') },
  { id: 'CSIP10', severity: 'error', why: 'no software agent', root: (x) => r(x, SOFTWARE_AGENT, '') },
  { id: 'CSIP11', severity: 'error', why: 'software agent role', root: (x) => r(x, 'ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"', 'ROLE="EDITOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"') },
  { id: 'CSIP12', severity: 'error', why: 'software agent type', root: (x) => r(x, 'ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"', 'ROLE="CREATOR" TYPE="INDIVIDUAL" OTHERTYPE="SOFTWARE"') },
  { id: 'CSIP13', severity: 'error', why: 'software agent othertype', root: (x) => r(x, 'OTHERTYPE="SOFTWARE"', 'OTHERTYPE="TOOL"') },
  { id: 'CSIP14', severity: 'error', why: 'software agent without name', root: (x) => r(x, '<name>Samarkiv fixture</name>', '') },
  { id: 'CSIP15', severity: 'error', why: 'software agent without note', root: (x) => r(x, '<note csip:NOTETYPE="SOFTWARE VERSION">1.0</note>', '') },
  { id: 'CSIP16', severity: 'error', why: 'software note type', root: (x) => r(x, 'csip:NOTETYPE="SOFTWARE VERSION"', 'csip:NOTETYPE="VERSION"') },
  { id: 'CSIP17', severity: 'warning', why: 'descriptive metadata without dmdSec', root: (x) => r(r(x, /<dmdSec[\s\S]*?<\/dmdSec>/, ''), ' DMDID="dmd-1"', '') },
  { id: 'CSIP18', severity: 'error', why: 'dmdSec without ID', root: (x) => r(r(x, '<dmdSec ID="dmd-1" ', '<dmdSec '), ' DMDID="dmd-1"', '') },
  { id: 'CSIP19', severity: 'error', why: 'dmdSec without CREATED', root: (x) => r(x, /<dmdSec ID="dmd-1" CREATED="[^"]*"/, '<dmdSec ID="dmd-1"') },
  { id: 'CSIP20', severity: 'warning', why: 'dmdSec STATUS outside the vocabulary', root: (x) => r(x, '<dmdSec ID="dmd-1" CREATED="2026-01-15T10:00:00Z" STATUS="CURRENT"', '<dmdSec ID="dmd-1" CREATED="2026-01-15T10:00:00Z" STATUS="OLD"') },
  { id: 'CSIP21', severity: 'warning', why: 'dmdSec embeds instead of referencing', root: (x) => r(x, /<mdRef [^>]*MDTYPE="DC"[^>]*\/>/, '<mdWrap MDTYPE="DC"><xmlData/></mdWrap>') },
  { id: 'CSIP22', severity: 'error', why: 'dmdSec mdRef LOCTYPE', root: onDmdRef('LOCTYPE="URL"', 'LOCTYPE="URN"') },
  { id: 'CSIP23', severity: 'error', why: 'dmdSec mdRef xlink:type', root: onDmdRef('xlink:type="simple"', 'xlink:type="extended"') },
  { id: 'CSIP24', severity: 'error', why: 'dmdSec mdRef href to a missing file', root: onDmdRef('metadata/descriptive/dc.xml', 'metadata/descriptive/missing.xml') },
  { id: 'CSIP24', severity: 'error', why: 'dmdSec mdRef href outside the package', root: onDmdRef('metadata/descriptive/dc.xml', '../../etc/passwd') },
  { id: 'CSIP25', severity: 'error', why: 'dmdSec mdRef MDTYPE', root: onDmdRef('MDTYPE="DC"', 'MDTYPE="DUBLIN"') },
  { id: 'CSIP26', severity: 'error', why: 'dmdSec mdRef MIMETYPE', root: onDmdRef('MIMETYPE="text/xml" ', '') },
  { id: 'CSIP27', severity: 'error', why: 'dmdSec mdRef SIZE wrong', root: (x) => x.replace(DMD_REF, (m) => m).replace(/(<mdRef [^>]*MDTYPE="DC"[^>]*SIZE=")(\d+)"/, '$11"') },
  { id: 'CSIP28', severity: 'error', why: 'dmdSec mdRef CREATED', root: onDmdRef('CREATED="2026-01-15T10:00:00Z"', 'CREATED="igår"') },
  { id: 'CSIP29', severity: 'error', why: 'dmdSec mdRef checksum mismatch', options: { tamper: { 'metadata/descriptive/dc.xml': '<x/>\n' } } },
  { id: 'CSIP30', severity: 'error', why: 'dmdSec mdRef CHECKSUMTYPE', root: onDmdRef('CHECKSUMTYPE="SHA-256"', 'CHECKSUMTYPE="SHA3"') },
  { id: 'CSIP31', severity: 'warning', why: 'two amdSecs', root: (x) => r(x, '<fileSec', '<amdSec ID="amd-2"/>\n  <fileSec') },
  { id: 'CSIP32', severity: 'warning', why: 'PREMIS file without digiprovMD', options: { extraFiles: { 'metadata/preservation/premis-2.xml': '<premis xmlns="http://www.loc.gov/premis/v3" version="3.0"/>' } } },
  { id: 'CSIP33', severity: 'error', why: 'digiprovMD without ID', root: (x) => r(r(x, '<digiprovMD ID="digiprov-1" ', '<digiprovMD '), ' ADMID="digiprov-1"', '') },
  { id: 'CSIP34', severity: 'warning', why: 'digiprovMD without STATUS', root: (x) => r(x, /(<digiprovMD [^>]*) STATUS="CURRENT"/, '$1') },
  { id: 'CSIP35', severity: 'warning', why: 'digiprovMD embeds', root: (x) => r(x, /<mdRef [^>]*MDTYPE="PREMIS"[^>]*\/>/, '<mdWrap MDTYPE="PREMIS"><xmlData/></mdWrap>') },
  { id: 'CSIP36', severity: 'error', why: 'digiprovMD mdRef LOCTYPE', root: onPremisRef('LOCTYPE="URL"', 'LOCTYPE="HANDLE"') },
  { id: 'CSIP37', severity: 'error', why: 'digiprovMD mdRef xlink:type', root: onPremisRef('xlink:type="simple" ', '') },
  { id: 'CSIP38', severity: 'error', why: 'digiprovMD mdRef missing file', root: onPremisRef('premis.xml', 'gone.xml') },
  { id: 'CSIP39', severity: 'error', why: 'digiprovMD mdRef MDTYPE', root: onPremisRef('MDTYPE="PREMIS" ', '') },
  { id: 'CSIP40', severity: 'error', why: 'digiprovMD mdRef MIMETYPE', root: onPremisRef('MIMETYPE="text/xml" ', '') },
  { id: 'CSIP41', severity: 'error', why: 'digiprovMD mdRef SIZE', root: (x) => x.replace(PREMIS_REF, (m) => m).replace(/(<mdRef [^>]*MDTYPE="PREMIS"[^>]*) SIZE="\d+"/, '$1') },
  { id: 'CSIP42', severity: 'error', why: 'digiprovMD mdRef CREATED', root: onPremisRef(' CREATED="2026-01-15T10:00:00Z"', '') },
  { id: 'CSIP43', severity: 'error', why: 'digiprovMD mdRef checksum mismatch', options: { tamper: { 'metadata/preservation/premis.xml': '<premis xmlns="http://www.loc.gov/premis/v3" version="3.0"/>' } } },
  { id: 'CSIP44', severity: 'error', why: 'digiprovMD mdRef CHECKSUMTYPE', root: onPremisRef(' CHECKSUMTYPE="SHA-256"', '') },
  { id: 'CSIP46', severity: 'error', why: 'rightsMD without ID', root: RIGHTS('STATUS="CURRENT"') },
  { id: 'CSIP47', severity: 'warning', why: 'rightsMD without STATUS', root: RIGHTS('ID="rights-1"') },
  { id: 'CSIP48', severity: 'warning', why: 'rightsMD without mdRef', root: RIGHTS('ID="rights-1" STATUS="CURRENT"') },
  { id: 'CSIP58', severity: 'warning', why: 'a file nobody references', options: { extraFiles: { 'documentation/extra.txt': 'x' } } },
  { id: 'CSIP58', severity: 'warning', why: 'two fileSecs', root: (x) => r(x, '<structMap', '<fileSec ID="filesec-2"><fileGrp ID="g2" USE="Other"><file ID="f2"/></fileGrp></fileSec>\n  <structMap') },
  { id: 'CSIP59', severity: 'error', why: 'fileSec without ID', root: (x) => r(x, '<fileSec ID="filesec-1">', '<fileSec>') },
  { id: 'CSIP60', severity: 'error', why: 'documentation without a Documentation group', root: (x) => r(r(x, /<fileGrp ID="grp-documentation"[\s\S]*?<\/fileGrp>/, ''), /<div ID="div-documentation"[\s\S]*?<\/div>/, '') },
  { id: 'CSIP113', severity: 'error', why: 'schemas without a Schemas group', options: { extraFiles: { 'schemas/local.xsd': '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>' } } },
  { id: 'CSIP114', severity: 'error', why: 'representations without a Representations group', root: (x) => r(x, /<fileGrp ID="grp-rep1"[\s\S]*?<\/fileGrp>/, '') },
  { id: 'CSIP62', severity: 'warning', why: 'representation group without content information type', root: (x) => r(x, 'USE="Representations/rep1" csip:CONTENTINFORMATIONTYPE="MIXED"', 'USE="Representations/rep1"') },
  { id: 'CSIP63', severity: 'info', why: 'representation group OTHER without the other type', root: (x) => r(x, 'USE="Representations/rep1" csip:CONTENTINFORMATIONTYPE="MIXED"', 'USE="Representations/rep1" csip:CONTENTINFORMATIONTYPE="OTHER"') },
  { id: 'CSIP64', severity: 'error', why: 'fileGrp without USE', root: (x) => r(x, ' USE="Documentation"', '') },
  { id: 'CSIP65', severity: 'error', why: 'fileGrp without ID', root: (x) => r(x, 'ID="grp-documentation" ', '') },
  { id: 'CSIP66', severity: 'error', why: 'empty fileGrp', root: (x) => r(x, '</fileSec>', '<fileGrp ID="grp-empty" USE="Other"/>\n  </fileSec>') },
  { id: 'CSIP67', severity: 'error', why: 'file without ID', root: onDocFile('ID="file-doc-1" ', '') },
  { id: 'CSIP67', severity: 'error', why: 'duplicate file ID', root: onDocFile('ID="file-doc-1"', 'ID="file-rep1-mets"') },
  { id: 'CSIP68', severity: 'error', why: 'file without MIMETYPE', root: onDocFile('MIMETYPE="text/plain" ', '') },
  { id: 'CSIP69', severity: 'error', why: 'file SIZE wrong', root: (x) => x.replace(/(<file ID="file-doc-1" [^>]*SIZE=")\d+"/, '$199"') },
  { id: 'CSIP70', severity: 'error', why: 'file without CREATED', root: onDocFile(' CREATED="2026-01-15T10:00:00Z"', '') },
  { id: 'CSIP71', severity: 'error', why: 'file checksum mismatch', options: { tamper: { 'documentation/readme.txt': 'Leveransbeskrivninh\n' } } },
  { id: 'CSIP71', severity: 'error', why: 'file without CHECKSUM', root: (x) => x.replace(/(<file ID="file-doc-1" [^>]*) CHECKSUM="[0-9a-f]+"/, '$1') },
  { id: 'CSIP72', severity: 'error', why: 'file CHECKSUMTYPE', root: onDocFile('CHECKSUMTYPE="SHA-256"', 'CHECKSUMTYPE="sha256sum"') },
  { id: 'CSIP76', severity: 'error', why: 'two FLocats', root: onDocFile('</file>', '<FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="documentation/readme.txt"/></file>') },
  { id: 'CSIP77', severity: 'error', why: 'FLocat LOCTYPE', root: onDocFile('LOCTYPE="URL"', 'LOCTYPE="OTHER"') },
  { id: 'CSIP78', severity: 'error', why: 'FLocat xlink:type', root: onDocFile('xlink:type="simple"', 'xlink:type="locator"') },
  { id: 'CSIP79', severity: 'error', why: 'FLocat to a missing file', root: onDocFile('xlink:href="documentation/readme.txt"', 'xlink:href="documentation/readme.pdf"') },
  { id: 'CSIP79', severity: 'error', why: 'FLocat to the web', root: onDocFile('xlink:href="documentation/readme.txt"', 'xlink:href="https://example.org/readme.txt"') },
  { id: 'CSIP79', severity: 'error', why: 'FLocat with an absolute path', root: onDocFile('xlink:href="documentation/readme.txt"', 'xlink:href="/etc/passwd"') },
  { id: 'CSIP80', severity: 'error', why: 'no structMap', root: (x) => r(x, /<structMap[\s\S]*<\/structMap>/, '') },
  { id: 'CSIP81', severity: 'error', why: 'structMap TYPE', root: (x) => r(x, 'TYPE="PHYSICAL" LABEL="CSIP"', 'TYPE="LOGICAL" LABEL="CSIP"') },
  { id: 'CSIP82', severity: 'error', why: 'no structMap labelled CSIP', root: (x) => r(x, 'LABEL="CSIP"', 'LABEL="CSIP StructMap"') },
  { id: 'CSIP83', severity: 'error', why: 'structMap without ID', root: (x) => r(x, 'ID="structmap-1" ', '') },
  { id: 'CSIP84', severity: 'error', why: 'two top divs', root: (x) => r(x, '</structMap>', '<div ID="div-extra" LABEL="x"/></structMap>') },
  { id: 'CSIP85', severity: 'error', why: 'top div without ID', root: (x) => r(x, 'ID="div-root" ', '') },
  { id: 'CSIP88', severity: 'error', why: 'no Metadata div', root: (x) => r(x, /<div ID="div-metadata"[^>]*\/>/, '') },
  { id: 'CSIP89', severity: 'error', why: 'Metadata div without ID', root: (x) => r(x, 'ID="div-metadata" ', '') },
  { id: 'CSIP91', severity: 'warning', why: 'Metadata div misses the digiprovMD', root: (x) => r(x, ' ADMID="digiprov-1"', '') },
  { id: 'CSIP92', severity: 'warning', why: 'Metadata div misses the dmdSec', root: (x) => r(x, ' DMDID="dmd-1"', '') },
  { id: 'CSIP93', severity: 'warning', why: 'no Documentation div', root: (x) => r(x, /<div ID="div-documentation"[\s\S]*?<\/div>/, '') },
  { id: 'CSIP94', severity: 'error', why: 'Documentation div without ID', root: (x) => r(x, 'ID="div-documentation" ', '') },
  { id: 'CSIP96', severity: 'warning', why: 'Documentation fptr to another group', root: (x) => r(x, '<fptr FILEID="grp-documentation"/>', '<fptr FILEID="grp-documentation"/><fptr FILEID="grp-rep1"/>') },
  { id: 'CSIP116', severity: 'error', why: 'Documentation div does not point at its group', root: (x) => r(x, '<fptr FILEID="grp-documentation"/>', '') },
  { id: 'CSIP105', severity: 'warning', why: 'no div for the representation', root: (x) => r(x, /<div ID="div-rep1"[\s\S]*?<\/div>/, '') },
  { id: 'CSIP106', severity: 'error', why: 'representation div without ID', root: (x) => r(x, 'ID="div-rep1" ', '') },
  { id: 'CSIP107', severity: 'error', why: 'representation div label', root: (x) => r(x, 'LABEL="Representations/rep1">', 'LABEL="Representations/rep-one">') },
  { id: 'CSIP108', severity: 'error', why: 'mptr title is not the group ID', root: onMptr('xlink:title="grp-rep1"', 'xlink:title="rep1"') },
  { id: 'CSIP109', severity: 'error', why: 'representation div without mptr', root: (x) => r(x, /<mptr [^>]*\/>/, '') },
  { id: 'CSIP110', severity: 'error', why: 'mptr to a missing METS', root: onMptr('representations/rep1/METS.xml', 'representations/rep2/METS.xml') },
  { id: 'CSIP111', severity: 'error', why: 'mptr xlink:type', root: onMptr('xlink:type="simple"', 'xlink:type="arc"') },
  { id: 'CSIP112', severity: 'error', why: 'mptr LOCTYPE', root: onMptr('LOCTYPE="URL"', 'LOCTYPE="PURL"') },
  { id: 'METS-IDREF', severity: 'error', why: 'DMDID to a missing section', root: (x) => r(x, 'DMDID="dmd-1"', 'DMDID="dmd-1 dmd-9"') },
  { id: 'CSIP69', severity: 'error', why: 'representation file size wrong (representation METS is validated too)', rep: (x) => x.replace(/(<file ID="rep-file-1" [^>]*SIZE=")\d+"/, '$17"') },
  { id: 'CSIP79', severity: 'error', why: 'representation METS lists a missing file', rep: (x) => r(x, 'data/record-2.txt', 'data/record-3.txt') },
  { id: 'CSIP82', severity: 'error', why: 'representation METS without CSIP structMap', rep: (x) => r(x, 'LABEL="CSIP"', 'LABEL="rep"') },
];

describe('CSIP METS rules: one broken package per requirement', () => {
  const tmp = useTempDir('csip-rules');

  it.each(CASES.map((c, i) => [c.id, c.why, i] as const))('%s (%s)', async (_id, _why, i) => {
    const c = CASES[i];
    const root = writeSipFixture(join(tmp(), `case-${i}`), { ...c.options, editRootMets: c.root, editRepMets: c.rep });
    const result = await validatePackage(root);
    expectFinding(result, c.id, c.severity);
    expect(result.valid).toBe(!result.findings.some((f) => f.severity === 'error'));
    if (c.severity === 'error') expect(result.valid).toBe(false);
  });
});
