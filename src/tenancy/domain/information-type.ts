/** The shape of one information-type file in config/information-types/. */
export type FieldKind =
  | 'identifier'
  | 'personal-identity-number'
  | 'text'
  | 'keyword'
  | 'code'
  | 'date'
  | 'datetime'
  | 'number'
  | 'amount';

export type SearchMode = 'exact' | 'prefix' | 'range' | 'facet' | 'fulltext';

export interface Labels {
  sv: string;
  en: string;
}

export interface FieldDefinition {
  name: string;
  kind: FieldKind;
  labels: Labels;
  search: SearchMode[];
  sortable: boolean;
  shown: boolean;
  multiple: boolean;
}

export interface LayoutSection {
  id: string;
  labels: Labels;
  fields: string[];
}

export interface RetentionRule {
  years: number;
  trigger: 'last-record-date' | 'record-date' | 'delivery-date' | 'case-closed-date';
}

export interface InformationTypeDefinition {
  id: string;
  version: number;
  labels: Labels;
  description: Labels;
  /** Accesses to this type are patient-data accesses under HSLF-FS 2016:40. */
  patientData: boolean;
  /** Fields that identify the patient (or party) the record is about. */
  partyFields: string[];
  fields: FieldDefinition[];
  layout: { sections: LayoutSection[] };
  attachments: boolean;
  retention: RetentionRule;
  /** A search must fill at least one of these field sets (bounded searches only). */
  searchRequires: string[][];
  index: IndexLayout;
}

/**
 * The fields the search index keeps in typed columns: the record date (range, default order,
 * timeline), the organisational unit (facets, timeline groups, spärr), up to three keys and one
 * number. Every other field is still searchable (terms array, full text), but only these sort.
 */
export interface IndexLayout {
  date?: string;
  unit?: string;
  keys: string[];
  number?: string;
}
