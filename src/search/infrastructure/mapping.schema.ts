/** JSON Schema for files in config/mappings/ (checked at start-up). */
export const READERS = ['ccda', 'canonical-xml', 'csv', 'fhir-json', 'fhir-xml', 'file'] as const;

export const MAPPING_SCHEMA = {
  type: 'object',
  required: ['id', 'informationType', 'sourceSystems', 'reader', 'match'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,62}$' },
    description: { type: 'string' },
    informationType: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' },
    /** Source-system names as deliveries carry them; "*" for any. A named system wins over "*". */
    sourceSystems: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, uniqueItems: true },
    reader: { enum: READERS },
    match: {
      type: 'object',
      additionalProperties: false,
      properties: {
        puids: { type: 'array', items: { type: 'string', pattern: '^(x-)?fmt/\\d+$' }, default: [] },
        mimeTypes: { type: 'array', items: { type: 'string' }, default: [] },
        extensions: { type: 'array', items: { type: 'string', pattern: '^\\.[A-Za-z0-9]+$' }, default: [] },
        xmlRoot: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { namespace: { type: 'string' }, name: { type: 'string' } },
        },
        jsonResourceType: { type: 'string' },
      },
    },
    options: { type: 'object', default: {} },
  },
} as const;
