import type { READERS } from '../infrastructure/mapping.schema';

export type ReaderKind = (typeof READERS)[number];

/** One file in config/mappings/: how one source format of one information type becomes records. */
export interface MappingDefinition {
  id: string;
  description?: string;
  informationType: string;
  sourceSystems: string[];
  reader: ReaderKind;
  match: {
    puids: string[];
    mimeTypes: string[];
    extensions: string[];
    xmlRoot?: { namespace?: string; name: string };
    jsonResourceType?: string;
  };
  options: Record<string, unknown>;
  /** Where it was loaded from (for messages). */
  file: string;
}
