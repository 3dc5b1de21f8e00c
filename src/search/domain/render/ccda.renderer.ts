import { childElements, hl7TimeToIso, textOf, XmlElement } from '@samarkiv/records';
import { esc, factsTable } from './html';
import { HL7_NS, narrativeHtml } from './narrative';
import type { Labels } from './render-labels';

const kids = (el: XmlElement | undefined, name: string) => (el ? childElements(el, name, HL7_NS) : []);
const kid = (el: XmlElement | undefined, ...path: string[]): XmlElement | undefined => path.reduce<XmlElement | undefined>((cur, name) => kids(cur, name)[0], el);
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A person's or organisation's name: its parts in order (prefix, given, family, suffix) or its text. */
function nameOf(el: XmlElement | undefined): string | null {
  if (!el) return null;
  const parts = childElements(el)
    .filter((c) => ['prefix', 'given', 'family', 'suffix'].includes(c.name))
    .map((c) => clean(textOf(c)))
    .filter(Boolean);
  return (parts.length ? parts.join(' ') : clean(textOf(el))) || null;
}

/** HL7 TS as a readable date-time ("2017-09-18 09:16 -04:00"); the raw value when it is not a TS. */
export function hl7Readable(value: string | undefined): string | null {
  if (!value) return null;
  const iso = hl7TimeToIso(value);
  if (!iso) return value;
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(iso);
  if (!m) return iso;
  return m[2] ? `${m[1]} ${m[2]}${m[3] === 'Z' ? ' UTC' : ` ${m[3]}`}` : m[1];
}

const codeText = (code: XmlElement | undefined) => (code ? code.attrs.displayName || clean(textOf(kid(code, 'originalText') ?? code)) || code.attrs.code || null : null);
const ids = (els: XmlElement[]) =>
  els
    .map((i) => (i.attrs.extension ? `${i.attrs.extension}${i.attrs.root ? ` (${i.attrs.root})` : ''}` : (i.attrs.root ?? '')))
    .filter(Boolean)
    .join(', ') || null;

/** A C-CDA document: its header facts, then every section (nested ones too) with title and narrative. */
export function renderCcda(doc: XmlElement, t: Labels, imageText: string): { title: string; html: string } {
  const title = clean(textOf(kid(doc, 'title') ?? { name: '', ns: '', attrs: {}, children: [] })) || codeText(kid(doc, 'code')) || 'Clinical document';
  const role = kid(doc, 'recordTarget', 'patientRole');
  const patient = kid(role, 'patient');
  const authors = kids(doc, 'author').map((a) => {
    const assigned = kid(a, 'assignedAuthor');
    const who = nameOf(kid(assigned, 'assignedPerson', 'name')) ?? codeText(kid(assigned, 'assignedAuthoringDevice', 'softwareName'));
    const org = nameOf(kid(assigned, 'representedOrganization', 'name'));
    return [who, org].filter(Boolean).join(', ');
  });
  const custodian = nameOf(kid(doc, 'custodian', 'assignedCustodian', 'representedCustodianOrganization', 'name'));
  const encounter = kid(doc, 'componentOf', 'encompassingEncounter');
  const facility = kid(encounter, 'location', 'healthCareFacility');
  const careUnit = nameOf(kid(facility, 'serviceProviderOrganization', 'name')) ?? nameOf(kid(facility, 'location', 'name')) ?? nameOf(kid(encounter, 'responsibleParty', 'assignedEntity', 'representedOrganization', 'name'));
  const header = factsTable([
    [t('patientId'), ids(kids(role, 'id'))],
    [t('name'), nameOf(kid(patient, 'name'))],
    [t('gender'), codeText(kid(patient, 'administrativeGenderCode'))],
    [t('birthDate'), hl7Readable(kid(patient, 'birthTime')?.attrs.value)],
    [t('documentType'), codeText(kid(doc, 'code'))],
    [t('title'), title],
    [t('date'), hl7Readable(kid(doc, 'effectiveTime')?.attrs.value)],
    [t('author'), authors.filter(Boolean).join('; ') || null],
    [t('custodian'), custodian],
    [t('careUnit'), careUnit],
    [t('encounter'), hl7Readable(kid(encounter, 'effectiveTime', 'low')?.attrs.value ?? kid(encounter, 'effectiveTime')?.attrs.value)],
  ]);
  const body = kid(doc, 'component', 'structuredBody');
  const sections = body ? kids(body, 'component').flatMap((c) => kids(c, 'section')).map((s) => section(s, 2, imageText)) : [];
  const content = body ? sections.join('') : `<p class="note">${esc(t('noBody'))}</p>`;
  return { title, html: `<h1>${esc(title)}</h1>${header}<h2>${esc(t('sections'))}</h2>${content}` };
}

function section(s: XmlElement, depth: number, imageText: string): string {
  const heading = `h${Math.min(depth + 1, 6)}`;
  const title = clean(textOf(kid(s, 'title') ?? { name: '', ns: '', attrs: {}, children: [] })) || codeText(kid(s, 'code')) || '';
  const text = kid(s, 'text');
  const narrative = text ? `<div class="narrative">${narrativeHtml(text, 'cda', { imageText })}</div>` : '';
  const nested = kids(s, 'component').flatMap((c) => kids(c, 'section')).map((n) => section(n, depth + 1, imageText)).join('');
  return `<section>${title ? `<${heading}>${esc(title)}</${heading}>` : ''}${narrative}${nested}</section>`;
}
