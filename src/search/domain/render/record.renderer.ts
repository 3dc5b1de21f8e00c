import { readXmlTree, XmlNotWellFormed } from '@samarkiv/records';
import type { FhirNode } from '@samarkiv/records';
import type { InformationTypeDefinition } from '../../../tenancy/tenancy.facade';
import type { IndexedRecord } from '../indexed-record';
import { renderCcda } from './ccda.renderer';
import { fhirXmlToJson, renderFhirBundle } from './fhir.renderer';
import { esc, factsTable, page, RenderLocale } from './html';
import { canonicalRecord, renderCanonical, renderLayout } from './layout.renderer';
import { HL7_NS } from './narrative';
import { labelsFor, RenderLabel } from './render-labels';

const FHIR_NS = 'http://hl7.org/fhir';

export interface RenderInput {
  type: InformationTypeDefinition;
  record: IndexedRecord & { body: string };
  /** The original file's bytes; null when it was not read (too large, or not a text format). */
  original: Buffer | null;
  /** Why the original is not rendered when `original` is null. */
  skipped?: 'tooLarge' | 'fallback';
  /**
   * The original also carries other patients' records: only a format we can cut down to this
   * record (canonical XML) is rendered from it; the others show the archived record.
   */
  sharedWithOtherPatients?: boolean;
  locale: RenderLocale;
}

/** What a renderer made of the original: a page title and safe HTML. */
interface Rendered {
  title: string;
  html: string;
}

/**
 * A record as a self-contained, safe HTML page. C-CDA, FHIR R4 Bundles (JSON or XML) and our
 * canonical XML are rendered from the original file; anything else (CSV, PDF, an original that
 * cannot be read) shows the canonical record by the type's layout, with a note saying so.
 */
export function renderRecordHtml(input: RenderInput): string {
  const t = labelsFor(input.locale);
  const { record, type, locale } = input;
  let note: RenderLabel | null = input.skipped ?? null;
  let rendered: Rendered | null = null;
  if (input.original) {
    try {
      const result = fromOriginal(input, input.original);
      if (result === 'not-in-file') note = 'recordNotInFile';
      else if (result === 'shared') note = 'sharedFile';
      else if (result) rendered = result;
      else note = 'fallback';
    } catch (e) {
      if (!(e instanceof XmlNotWellFormed || e instanceof SyntaxError)) throw e;
      note = 'unreadable';
    }
  }
  if (!rendered) {
    const title = typeof record.fields.title === 'string' ? record.fields.title : type.labels[locale];
    const noteHtml = note ? `<p class="note">${esc(t(note))}</p>` : '';
    rendered = { title, html: `<h1>${esc(title)}</h1>${noteHtml}${renderLayout(type, locale, (n) => (n === 'text' ? record.body || null : record.fields[n]))}` };
  }
  const meta = `<p class="meta">${esc(type.labels[locale])} · ${esc(record.sourceSystem)}</p>`;
  const source = factsTable([
    [t('sourceSystem'), record.sourceSystem],
    [t('sourceFile'), record.sourceFile.split('/').pop() ?? record.sourceFile],
    [t('recordId'), record.sourceRecordId],
    [t('attachments'), record.attachments.map((a) => a.split('/').pop()).join(', ')],
    [t('aip'), record.aipId],
    [t('delivery'), record.deliveryId],
  ]);
  return page(locale, rendered.title, `${meta}${rendered.html}<h2>${esc(t('source'))}</h2>${source}`);
}

function fromOriginal(input: RenderInput, data: Buffer): Rendered | 'not-in-file' | 'shared' | null {
  const t = labelsFor(input.locale);
  const image = t('image');
  const head = data.subarray(0, 1024).toString('latin1').replace(/^(\xEF\xBB\xBF|\s)+/, '');
  if (head.startsWith('{')) {
    const json = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
    if (!json || typeof json !== 'object' || (json as FhirNode).resourceType !== 'Bundle') return null;
    if (input.sharedWithOtherPatients) return 'shared';
    return renderFhirBundle(json as FhirNode, t, image, input.record.sourceRecordId);
  }
  if (!head.startsWith('<') && !/^\xFF\xFE|^\xFE\xFF/.test(data.subarray(0, 2).toString('latin1'))) return null;
  const root = readXmlTree(data);
  const whole = (root.ns === HL7_NS && root.name === 'ClinicalDocument') || (root.ns === FHIR_NS && root.name === 'Bundle');
  if (whole && input.sharedWithOtherPatients) return 'shared';
  if (root.ns === HL7_NS && root.name === 'ClinicalDocument') return renderCcda(root, t, image);
  if (root.ns === FHIR_NS && root.name === 'Bundle') return renderFhirBundle(fhirXmlToJson(root), t, image, input.record.sourceRecordId);
  const rec = canonicalRecord(root, input.type.id, input.record.sourceRecordId);
  if (rec) {
    const title = rec.values.get('title')?.[0] ?? input.type.labels[input.locale];
    return { title, html: `<h1>${esc(title)}</h1>${renderCanonical(input.type, input.locale, t, rec)}` };
  }
  return root.name === 'records' ? 'not-in-file' : null;
}
