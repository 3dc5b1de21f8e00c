import type { InformationTypeDefinition } from '../../../tenancy/tenancy.facade';
import type { IndexedRecord } from '../indexed-record';

/** A small patient-record type (labels in both languages) for renderer tests. */
export const PATIENT_TYPE = {
  id: 'patient-record',
  version: 1,
  labels: { sv: 'Vårdinformation', en: 'Patient record' },
  description: { sv: '', en: '' },
  patientData: true,
  partyFields: ['patientId'],
  attachments: true,
  retention: { years: 10, trigger: 'last-record-date' },
  searchRequires: [['patientId']],
  index: { date: 'date', unit: 'careUnit', keys: [] },
  fields: [
    { name: 'patientId', kind: 'personal-identity-number', labels: { sv: 'Patient-id', en: 'Patient id' } },
    { name: 'date', kind: 'datetime', labels: { sv: 'Datum', en: 'Date' } },
    { name: 'title', kind: 'text', labels: { sv: 'Rubrik', en: 'Title' } },
    { name: 'careUnit', kind: 'keyword', labels: { sv: 'Vårdenhet', en: 'Care unit' } },
    { name: 'text', kind: 'text', labels: { sv: 'Fritext', en: 'Full text' } },
  ],
  layout: {
    sections: [
      { id: 'patient', labels: { sv: 'Patient', en: 'Patient' }, fields: ['patientId'] },
      { id: 'document', labels: { sv: 'Dokument', en: 'Document' }, fields: ['date', 'title', 'careUnit'] },
      { id: 'content', labels: { sv: 'Innehåll', en: 'Content' }, fields: ['text'] },
    ],
  },
} as unknown as InformationTypeDefinition;

export function testRecord(over: Partial<IndexedRecord & { body: string }> = {}): IndexedRecord & { body: string } {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    tenantId: 'region-test',
    informationTypeId: 'patient-record',
    tier: 'intermediate',
    aipId: '00000000-0000-4000-8000-000000000002',
    deliveryId: '00000000-0000-4000-8000-000000000003',
    sourceSystem: 'TakeCare',
    sourceRecordId: 'r-1',
    sourceFile: 'submission/sip/representations/rep1/data/file.xml',
    patientId: '191212121212',
    patientIssuer: '1.2.752.129.2.1.3.1',
    recordDate: null,
    unit: null,
    fields: {},
    attachments: [],
    body: '',
    ...over,
  };
}

const ALLOWED_TAGS = new Set([
  'p', 'div', 'span', 'br', 'b', 'i', 'em', 'strong', 'u', 'small', 'big', 'sub', 'sup', 'code', 'pre', 'blockquote', 'q', 'cite', 'hr',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'colgroup', 'col',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'abbr', 'acronym', 'address', 'tt', 'var', 'kbd', 'samp', 'dfn', 'ins', 'del', 's', 'strike', 'section',
]);
const ALLOWED_ATTRIBUTE = /^(class="[a-z -]*"|colspan="\d{1,3}"|rowspan="\d{1,3}"|scope="(row|col)")$/;

/**
 * Every tag in the page body is a whitelisted element with only whitelisted attributes: nothing
 * can run, load, navigate or style itself. Returns the offending tags (empty when inert).
 */
export function activeMarkup(html: string): string[] {
  const [head, body] = html.split('<body>');
  const bad: string[] = [];
  if ((head.match(/<script|<link|<base|http-equiv/gi) ?? []).length) bad.push('head');
  if (body === undefined) return ['no body'];
  for (const tag of body.match(/<[^>]*>/g) ?? []) {
    const m = /^<\/?([a-z0-9]+)((?: [^ >]+)*)\s*>$/.exec(tag);
    if (!m || (!ALLOWED_TAGS.has(m[1]) && !(m[1] === 'body' || m[1] === 'html'))) {
      bad.push(tag);
      continue;
    }
    const attrs = m[2].trim() ? (m[2].trim().match(/[a-z]+="[^"]*"/g) ?? [m[2]]) : [];
    if (attrs.join(' ') !== m[2].trim() || attrs.some((a) => !ALLOWED_ATTRIBUTE.test(a))) bad.push(tag);
  }
  return bad;
}
