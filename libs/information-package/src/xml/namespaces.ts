export const METS_NS = 'http://www.loc.gov/METS/';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const CSIP_NS = 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS';
export const SIP_NS = 'https://DILCIS.eu/XML/METS/SIPExtensionMETS';
export const FGS_EXT_NS = 'ExtensionMETS';
export const PREMIS_NS = 'http://www.loc.gov/premis/v3';

/**
 * Attribute-name prefix for a namespace URI. The DILCIS namespaces are matched case-insensitively
 * because widely used producers (commons-ip) write "https://dilcis.eu/…"; the csip namespace rule
 * reports the spelling separately so the case difference is not silently ignored.
 */
export function prefixFor(uri: string): string | undefined {
  if (uri === '') return '';
  if (uri === XLINK_NS) return 'xlink:';
  if (uri === XSI_NS) return 'xsi:';
  const lower = uri.toLowerCase();
  if (lower === CSIP_NS.toLowerCase()) return 'csip:';
  if (lower === SIP_NS.toLowerCase()) return 'sip:';
  if (uri === FGS_EXT_NS) return 'ext:';
  return undefined;
}
