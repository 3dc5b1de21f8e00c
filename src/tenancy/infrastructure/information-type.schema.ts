/** JSON Schema for files in config/information-types/ (checked at start-up). */
const labels = {
  type: 'object',
  required: ['sv', 'en'],
  additionalProperties: false,
  properties: { sv: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
};
const fieldName = { type: 'string', pattern: '^[a-z][A-Za-z0-9]{0,62}$' };

export const INFORMATION_TYPE_SCHEMA = {
  type: 'object',
  required: ['id', 'version', 'labels', 'description', 'patientData', 'partyFields', 'fields', 'layout', 'retention', 'searchRequires'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' },
    version: { type: 'integer', minimum: 1 },
    labels,
    description: labels,
    patientData: { type: 'boolean' },
    partyFields: { type: 'array', items: fieldName },
    attachments: { type: 'boolean', default: true },
    fields: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'kind', 'labels'],
        additionalProperties: false,
        properties: {
          name: fieldName,
          kind: { enum: ['identifier', 'personal-identity-number', 'text', 'keyword', 'code', 'date', 'datetime', 'number', 'amount'] },
          labels,
          search: { type: 'array', items: { enum: ['exact', 'prefix', 'range', 'facet', 'fulltext'] }, uniqueItems: true, default: [] },
          sortable: { type: 'boolean', default: false },
          shown: { type: 'boolean', default: true },
          multiple: { type: 'boolean', default: false },
        },
      },
    },
    layout: {
      type: 'object',
      required: ['sections'],
      additionalProperties: false,
      properties: {
        sections: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['id', 'labels', 'fields'],
            additionalProperties: false,
            properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, labels, fields: { type: 'array', items: fieldName, minItems: 1 } },
          },
        },
      },
    },
    retention: {
      type: 'object',
      required: ['years', 'trigger'],
      additionalProperties: false,
      properties: {
        years: { type: 'integer', minimum: 0 },
        trigger: { enum: ['last-record-date', 'record-date', 'delivery-date', 'case-closed-date'] },
      },
    },
    searchRequires: { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, items: fieldName } },
    /** Which fields get typed, B-tree-indexed columns in the search index (see docs/search.md). */
    index: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        date: fieldName,
        unit: fieldName,
        keys: { type: 'array', items: fieldName, maxItems: 3, uniqueItems: true, default: [] },
        number: fieldName,
      },
    },
  },
} as const;
