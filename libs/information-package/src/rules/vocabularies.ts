// Terms from the DILCIS vocabularies (schemas/eark-csip/CSIPVocabulary*.xml and
// eark-sip/SIPVocabulary*.xml, CSIP 2.2.0 / SIP 2.2.0); vocabularies.spec.ts re-reads the XML.
export const CONTENT_CATEGORIES = [
  'Textual works – Print', 'Textual works – Digital', 'Textual works – Electronic Serials',
  'Digital Musical Composition (score-based representations)', 'Musical Scores - Print', 'Musical Scores - Digital',
  'Photographs – Print', 'Photographs – Digital', 'Other Graphic Images – Print', 'Other Graphic Images – Digital',
  'Microforms', 'Audio – On Tangible Medium (digital or analog)', 'Audio – Media-independent (digital)',
  'Motion Pictures – Digital and Physical Media', 'Video – File-based and Physical Media', 'Software',
  'Software and Video Games', 'Email', 'Datasets', 'Geospatial Data', 'Geographic Information System (GIS) - Vector Data',
  'GIS Raster and Georeferenced Images', 'GIS Vector and Raster Combined', 'Non-GIS Cartographic',
  '2D and 3D Computer Aided Design', 'Design (schematics, architectural drawings) - Print',
  'Scanned 3D Objects (output from photogrammetry scanning)', 'Databases', 'Websites', 'Web Archives', 'Collection',
  'Event', 'Image', 'Interactive resource', 'Moving image', 'Sound', 'Still image', 'Text', 'Physical object', 'Service',
  'Mixed', 'Other',
];

export const CONTENT_INFORMATION_TYPES = [
  'ERMS', 'SIARD1', 'SIARD2', 'SIARDDK', 'GeoData', 'citscarchival_v1_0', 'cscarchival_v1_0', 'citserms_v2_1',
  'citserms_v3_0', 'citspremis_v1_0', 'cspremis_v1_0', 'citsehpj_v1_0', 'citsehpj_v2_0', 'citsehcr_v1_0',
  'citssiard_v1_0', 'citsgeospatial_v3_0', 'cits3dpm_v1_0', 'MIXED', 'OTHER',
];

/** CSIP 2.0.x used content types in mets/@TYPE before the content category vocabulary existed. */
export const LEGACY_CONTENT_TYPES = ['ERMS', 'RDBMS', 'SIARD1', 'SIARD2', 'SIARDDK', 'GeoVectorGML', 'GeoRasterGeotiff', 'MIXED', 'OTHER'];

export const OAIS_PACKAGE_TYPES = ['SIP', 'AIP', 'DIP', 'AIU', 'AIC'];
export const STATUSES = ['CURRENT', 'SUPERSEDED'];
export const NOTE_TYPES = ['SOFTWARE VERSION', 'IDENTIFICATIONCODE'];
export const RECORD_STATUSES = ['NEW', 'SUPPLEMENT', 'REPLACEMENT', 'TEST', 'VERSION', 'DELETE', 'OTHER'];
export const ALT_RECORD_ID_TYPES = ['SUBMISSIONAGREEMENT', 'PREVIOUSSUBMISSIONAGREEMENT', 'REFERENCECODE', 'PREVIOUSREFERENCECODE'];
export const METS_CHECKSUM_TYPES = ['Adler-32', 'CRC32', 'HAVAL', 'MD5', 'MNP', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'TIGER', 'WHIRLPOOL'];
export const METS_MDTYPES = [
  'MARC', 'MODS', 'EAD', 'DC', 'NISOIMG', 'LC-AV', 'VRA', 'TEIHDR', 'DDI', 'FGDC', 'LOM', 'PREMIS', 'PREMIS:OBJECT',
  'PREMIS:AGENT', 'PREMIS:RIGHTS', 'PREMIS:EVENT', 'TEXTMD', 'METSRIGHTS', 'ISO 19115:2003 NAP', 'EAC-CPF', 'LIDO', 'OTHER',
];

/** Vocabulary match that forgives case and the en dash / hyphen confusion common in producers' output. */
export function inVocabulary(value: string, terms: readonly string[]): boolean {
  const norm = (s: string): string => s.normalize('NFC').replace(/[\u2013\u2014]/g, '-').replace(/\s+/g, ' ').trim().toLowerCase();
  const v = norm(value);
  return terms.some((t) => norm(t) === v);
}
