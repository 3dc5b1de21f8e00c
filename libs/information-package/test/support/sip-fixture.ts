import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SipFixtureOptions {
  /** Folder name of the package root (and its OBJID). */
  name?: string;
  /** Last-minute edits of the METS text, to break one requirement at a time. */
  editRootMets?: (xml: string) => string;
  editRepMets?: (xml: string) => string;
  /** Extra files written after the METS (e.g. to leave one unreferenced). */
  extraFiles?: Record<string, string | Buffer>;
  /** Files changed after their checksums were recorded (fixity tests). */
  tamper?: Record<string, string | Buffer>;
  /** Runs last, e.g. to delete or rename parts of the package. */
  after?: (root: string) => void;
}

const CREATED = '2026-01-15T10:00:00Z';

function write(root: string, rel: string, content: string | Buffer): void {
  const abs = join(root, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

function facts(root: string, rel: string): { size: number; sha256: string } {
  const data = readFileSync(join(root, rel));
  return { size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

function fileEntry(root: string, id: string, rel: string, href: string, mime: string): string {
  const f = facts(root, rel);
  return `      <file ID="${id}" MIMETYPE="${mime}" SIZE="${f.size}" CREATED="${CREATED}" CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256">
        <FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${href}"/>
      </file>`;
}

function mdRef(root: string, rel: string, mdtype: string): string {
  const f = facts(root, rel);
  return `<mdRef LOCTYPE="URL" xlink:type="simple" xlink:href="${rel}" MDTYPE="${mdtype}" MIMETYPE="text/xml" SIZE="${f.size}" CREATED="${CREATED}" CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256"/>`;
}

const NS = 'xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" xmlns:sip="https://DILCIS.eu/XML/METS/SIPExtensionMETS" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml';

const PREMIS = `<?xml version="1.0" encoding="UTF-8"?>
<premis xmlns="http://www.loc.gov/premis/v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">
  <object xsi:type="intellectualEntity">
    <objectIdentifier><objectIdentifierType>local</objectIdentifierType><objectIdentifierValue>sip-fixture</objectIdentifierValue></objectIdentifier>
  </object>
  <agent>
    <agentIdentifier><agentIdentifierType>local</agentIdentifierType><agentIdentifierValue>samarkiv-test</agentIdentifierValue></agentIdentifier>
    <agentName>Samarkiv test fixture</agentName>
    <agentType>software</agentType>
  </agent>
</premis>
`;

const DC = `<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Patientjournaler 2019</dc:title></metadata>
`;

/**
 * Writes a minimal valid E-ARK SIP 2.2.0 folder (one representation, DC + PREMIS, documentation)
 * with correct sizes and SHA-256 checksums; returns the package root.
 */
export function writeSipFixture(parent: string, options: SipFixtureOptions = {}): string {
  const name = options.name ?? 'sip-fixture-1';
  const root = join(parent, name);
  write(root, 'representations/rep1/data/record-1.txt', 'Journalanteckning 1\n');
  write(root, 'representations/rep1/data/record-2.txt', 'Journalanteckning 2\n');
  mkdirSync(join(root, 'representations/rep1/metadata'), { recursive: true });
  write(root, 'metadata/descriptive/dc.xml', DC);
  write(root, 'metadata/preservation/premis.xml', PREMIS);
  write(root, 'documentation/readme.txt', 'Leveransbeskrivning\n');
  mkdirSync(join(root, 'schemas'), { recursive: true });

  let rep = `<?xml version="1.0" encoding="UTF-8"?>
<mets ${NS} OBJID="rep1" TYPE="Mixed" csip:CONTENTINFORMATIONTYPE="MIXED" PROFILE="${PROFILE}">
  <metsHdr CREATEDATE="${CREATED}" csip:OAISPACKAGETYPE="SIP">
    <agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"><name>Samarkiv fixture</name><note csip:NOTETYPE="SOFTWARE VERSION">1.0</note></agent>
  </metsHdr>
  <fileSec ID="rep-filesec">
    <fileGrp ID="rep-grp-data" USE="Data">
${fileEntry(root, 'rep-file-1', 'representations/rep1/data/record-1.txt', 'data/record-1.txt', 'text/plain')}
${fileEntry(root, 'rep-file-2', 'representations/rep1/data/record-2.txt', 'data/record-2.txt', 'text/plain')}
    </fileGrp>
  </fileSec>
  <structMap ID="rep-structmap" TYPE="PHYSICAL" LABEL="CSIP">
    <div ID="rep-div-root" LABEL="rep1">
      <div ID="rep-div-data" LABEL="Data"><fptr FILEID="rep-grp-data"/></div>
    </div>
  </structMap>
</mets>
`;
  if (options.editRepMets) rep = options.editRepMets(rep);
  write(root, 'representations/rep1/METS.xml', rep);

  let mets = `<?xml version="1.0" encoding="UTF-8"?>
<mets ${NS} OBJID="${name}" LABEL="Test SIP" TYPE="Mixed" csip:CONTENTINFORMATIONTYPE="MIXED" PROFILE="${PROFILE}">
  <metsHdr CREATEDATE="${CREATED}" RECORDSTATUS="NEW" csip:OAISPACKAGETYPE="SIP">
    <agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"><name>Samarkiv fixture</name><note csip:NOTETYPE="SOFTWARE VERSION">1.0</note></agent>
    <agent ROLE="ARCHIVIST" TYPE="ORGANIZATION"><name>Region Testland</name><note csip:NOTETYPE="IDENTIFICATIONCODE">ORG:2321000000</note></agent>
    <agent ROLE="CREATOR" TYPE="ORGANIZATION"><name>Region Testland IT</name><note csip:NOTETYPE="IDENTIFICATIONCODE">ORG:2321000001</note></agent>
    <altRecordID TYPE="SUBMISSIONAGREEMENT">RA 13-2011/5329</altRecordID>
  </metsHdr>
  <dmdSec ID="dmd-1" CREATED="${CREATED}" STATUS="CURRENT">
    ${mdRef(root, 'metadata/descriptive/dc.xml', 'DC')}
  </dmdSec>
  <amdSec ID="amd-1">
    <digiprovMD ID="digiprov-1" CREATED="${CREATED}" STATUS="CURRENT">
      ${mdRef(root, 'metadata/preservation/premis.xml', 'PREMIS')}
    </digiprovMD>
  </amdSec>
  <fileSec ID="filesec-1">
    <fileGrp ID="grp-documentation" USE="Documentation">
${fileEntry(root, 'file-doc-1', 'documentation/readme.txt', 'documentation/readme.txt', 'text/plain')}
    </fileGrp>
    <fileGrp ID="grp-rep1" USE="Representations/rep1" csip:CONTENTINFORMATIONTYPE="MIXED">
${fileEntry(root, 'file-rep1-mets', 'representations/rep1/METS.xml', 'representations/rep1/METS.xml', 'application/xml')}
    </fileGrp>
  </fileSec>
  <structMap ID="structmap-1" TYPE="PHYSICAL" LABEL="CSIP">
    <div ID="div-root" LABEL="${name}">
      <div ID="div-metadata" LABEL="Metadata" DMDID="dmd-1" ADMID="digiprov-1"/>
      <div ID="div-documentation" LABEL="Documentation"><fptr FILEID="grp-documentation"/></div>
      <div ID="div-rep1" LABEL="Representations/rep1">
        <mptr LOCTYPE="URL" xlink:type="simple" xlink:href="representations/rep1/METS.xml" xlink:title="grp-rep1"/>
      </div>
    </div>
  </structMap>
</mets>
`;
  if (options.editRootMets) mets = options.editRootMets(mets);
  write(root, 'METS.xml', mets);
  for (const [rel, content] of Object.entries(options.extraFiles ?? {})) write(root, rel, content);
  for (const [rel, content] of Object.entries(options.tamper ?? {})) write(root, rel, content);
  options.after?.(root);
  return root;
}
