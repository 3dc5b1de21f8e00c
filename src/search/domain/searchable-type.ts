import type { InformationTypeDefinition } from '../../tenancy/tenancy.facade';

type FieldDefinition = InformationTypeDefinition['fields'][number];
type Labels = InformationTypeDefinition['labels'];

/** An information type as the console sees it: what to ask for, what to show, how to lay out a record. */
export interface SearchableType {
  id: string;
  labels: Labels;
  description: Labels;
  patientData: boolean;
  /** The tiers the caller may search this type in. */
  tiers: string[];
  fields: Array<Pick<FieldDefinition, 'name' | 'kind' | 'labels' | 'search' | 'sortable' | 'shown' | 'multiple'>>;
  /** The fields a result list shows, in order. */
  resultColumns: string[];
  /** A search must fill at least one of these field sets (or name a patient). */
  searchRequires: string[][];
  dateField: string | null;
  unitField: string | null;
  layout: InformationTypeDefinition['layout'];
  attachments: boolean;
}
