/**
 * The writer half of the information-package library: E-ARK SIP 2.2.0 (FGS Paketstruktur 2.0),
 * AIP and DIP. Only the writer API is exported, so the package index can re-export it next to the
 * reader without name clashes (the METS/PREMIS models here are internal to the writers).
 */
export { PackageWriterError, PackageWriterErrorCode } from './package-writer.errors';
export { SIP_PROFILE, AIP_PROFILE, DIP_PROFILE, CSIP_PROFILE } from './mets.builder';
export type { BuiltFile } from './package-files';
export type { OutputFormat } from './package-output.writer';
export type { PremisEventType, PremisFormat, PremisOutcome, PremisRightsBasis } from './premis.model';
export type * from './sip.options';
export type * from './aip.options';
export type * from './dip.options';
export { buildSip } from './sip.builder';
export { escapeXmlAttribute, escapeXmlText } from './xml-writer';
export { writeAip } from './aip.writer';
export { writeDip } from './dip.writer';
