import { Requirement } from './eark-requirements';

/**
 * FGS Paketstruktur 1.1 (RAFGS1V1.1, profile CommonSpecificationSwedenPackageProfile): the checks the
 * CSPackageMETS.xsd cannot express. FGS 1.x publishes no machine-readable requirement list, so the
 * ids (FGS1…) are ours and the levels are our reading of the RAFGS1V1.1 text.
 */
export const FGS_REQUIREMENTS: Requirement[] = [
  { id: 'FGS1', level: 'MUST', title: 'Root METS file (mets.xml or sip.xml) in the package root', xpath: '' },
  { id: 'FGS2', level: 'MUST', title: 'mets/@OBJID identifies the package', xpath: 'mets/@OBJID' },
  { id: 'FGS3', level: 'MUST', title: 'mets/@PROFILE names the CommonSpecificationSwedenPackageProfile', xpath: 'mets/@PROFILE' },
  { id: 'FGS4', level: 'MUST', title: 'mets/@TYPE states the content type', xpath: 'mets/@TYPE' },
  { id: 'FGS5', level: 'MUST', title: 'metsHdr with @CREATEDATE', xpath: 'mets/metsHdr/@CREATEDATE' },
  { id: 'FGS6', level: 'MUST', title: 'ext:OAISSTATUS (or @OAISSTATUS) states the package type', xpath: 'mets/metsHdr/@ext:OAISSTATUS' },
  { id: 'FGS7', level: 'MUST', title: 'An ARCHIVIST agent names the archive creator', xpath: "mets/metsHdr/agent[@ROLE='ARCHIVIST']" },
  { id: 'FGS8', level: 'MUST', title: 'A CREATOR agent names the producing organisation or software', xpath: "mets/metsHdr/agent[@ROLE='CREATOR']" },
  { id: 'FGS9', level: 'SHOULD', title: 'ARCHIVIST agent carries an identification code note (ORG:<organisationsnummer>)', xpath: "mets/metsHdr/agent[@ROLE='ARCHIVIST']/note" },
  { id: 'FGS10', level: 'MUST', title: 'Every file has @ID, @MIMETYPE, @SIZE, @CREATED, @CHECKSUM and @CHECKSUMTYPE', xpath: 'mets/fileSec/fileGrp/file' },
  { id: 'FGS11', level: 'MUST', title: 'Every file has one FLocat with LOCTYPE=URL and an xlink:href inside the package', xpath: 'mets/fileSec/fileGrp/file/FLocat' },
  { id: 'FGS12', level: 'MUST', title: 'At least one structMap', xpath: 'mets/structMap' },
  { id: 'FGS13', level: 'SHOULD', title: 'Every file in the package is listed in the fileSec', xpath: 'mets/fileSec' },
];
