import { METS_NS, PREMIS_NS } from '../xml/namespaces';

/** One XSD wrapper per document family; every schemaLocation is a published URL the catalog maps. */
export interface SchemaSet {
  name: string;
  imports: Array<{ namespace: string; location: string }>;
}

const EAD3_NS = 'http://ead3.archivists.org/schema/';
const XLINK = { namespace: 'http://www.w3.org/1999/xlink', location: 'http://www.loc.gov/standards/xlink/xlink.xsd' };
const PREMIS = { namespace: PREMIS_NS, location: 'http://www.loc.gov/standards/premis/v3/premis-v3-0.xsd' };

export const EARK_METS: SchemaSet = {
  name: 'METS 1.12 + E-ARK CSIP/SIP extensions',
  imports: [
    { namespace: METS_NS, location: 'http://www.loc.gov/standards/mets/mets.xsd' },
    XLINK,
    { namespace: 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS', location: 'https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd' },
    { namespace: 'https://DILCIS.eu/XML/METS/SIPExtensionMETS', location: 'https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd' },
    PREMIS,
  ],
};

export const FGS_METS: SchemaSet = {
  name: 'FGS Paketstruktur 1.1 CSPackageMETS',
  imports: [
    { namespace: METS_NS, location: 'http://xml.ra.se/e-arkiv/METS/CSPackageMETS.xsd' },
    XLINK,
    { namespace: 'ExtensionMETS', location: 'http://xml.ra.se/e-arkiv/METS/CSPackageExtensionMETS.xsd' },
  ],
};

export const PREMIS_3: SchemaSet = { name: 'PREMIS 3.0', imports: [PREMIS, XLINK] };
export const EAD_3: SchemaSet = { name: 'EAD3', imports: [{ namespace: EAD3_NS, location: 'http://www.loc.gov/ead/ead3.xsd' }, XLINK] };

/** Picks the schema set for a non-METS metadata file by its root namespace. */
export function schemaSetForNamespace(ns: string): SchemaSet | undefined {
  if (ns === PREMIS_NS) return PREMIS_3;
  if (ns === EAD3_NS) return EAD_3;
  return undefined;
}

export function wrapperXsd(set: SchemaSet): string {
  const imports = set.imports.map((i) => `  <xs:import namespace="${i.namespace}" schemaLocation="${i.location}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:samarkiv:schema-wrapper" elementFormDefault="qualified">\n${imports}\n</xs:schema>\n`;
}
