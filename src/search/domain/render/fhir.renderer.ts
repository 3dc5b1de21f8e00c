import { arr, at, childElements, codeableText, fhirNode, FhirNode, fhirString, FhirValue, humanName, readXmlTree, XmlElement } from '@samarkiv/records';
import { dataTable, esc, factsTable } from './html';
import { narrativeHtml, XHTML_NS } from './narrative';
import type { Labels } from './render-labels';

/** Narratives and inline text attachments larger than this are not rendered (the original stays downloadable). */
const MAX_INLINE_TEXT = 256 * 1024;
const MAX_SECTION_DEPTH = 16;

/** FHIR R4 XML read into the JSON shape: `value` attributes become primitives, repeats arrays, narrative divs XHTML strings. */
export function fhirXmlToJson(root: XmlElement): FhirNode {
  return { resourceType: root.name, ...elementNode(root) };
}

function elementNode(el: XmlElement): FhirNode {
  const out: FhirNode = {};
  const add = (name: string, v: FhirValue) => {
    const existing = out[name];
    out[name] = existing === undefined ? v : Array.isArray(existing) ? [...existing, v] : [existing, v];
  };
  for (const c of childElements(el)) {
    if (c.ns === XHTML_NS && c.name === 'div') add('div', serializeXml(c));
    else if (c.name === 'resource' || c.name === 'contained') {
      const inner = childElements(c)[0];
      if (inner) add(c.name, { resourceType: inner.name, ...elementNode(inner) });
    } else if (childElements(c).length) add(c.name, { ...(c.attrs.value !== undefined ? { value: c.attrs.value } : {}), ...elementNode(c) });
    else add(c.name, c.attrs.value ?? null);
  }
  if (el.attrs.url !== undefined) out.url = el.attrs.url;
  return out;
}

const xmlEsc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Re-serialises an (XHTML) subtree; only used to hand narratives to the same sanitiser JSON narratives go through. */
function serializeXml(el: XmlElement, declareNs = true): string {
  const attrs = Object.entries(el.attrs)
    .filter(([k]) => !k.includes('|'))
    .map(([k, v]) => ` ${k}="${xmlEsc(v)}"`)
    .join('');
  const ns = declareNs ? ` xmlns="${xmlEsc(el.ns)}"` : '';
  const inner = el.children.map((c) => (typeof c === 'string' ? xmlEsc(c) : serializeXml(c, c.ns !== el.ns))).join('');
  return `<${el.name}${ns}${attrs}>${inner}</${el.name}>`;
}

const s = (v: FhirValue) => fhirString(v);
const join = (xs: Array<string | null | undefined>, sep = ', ') => xs.filter(Boolean).join(sep) || null;

interface Ctx {
  t: Labels;
  imageText: string;
  byRef: Map<string, FhirNode>;
  highlight: string | null;
}

function resolve(c: Ctx, ref: FhirValue): FhirNode | undefined {
  const r = s(at(ref, 'reference'));
  return r ? c.byRef.get(r) : undefined;
}

/** The name of what a Reference points at (practitioner, organisation, patient), else its display or reference. */
function refName(c: Ctx, ref: FhirValue, hops = 0): string | null {
  const target = resolve(c, ref);
  if (target) {
    const type = s(target.resourceType);
    if (type === 'Organization' || type === 'Location') return s(target.name);
    // One hop through a role (a role pointing at itself must not loop).
    if (type === 'PractitionerRole') return hops > 0 ? null : (refName(c, target.practitioner, hops + 1) ?? refName(c, target.organization, hops + 1));
    return humanName(target.name) ?? s(target.id);
  }
  return s(at(ref, 'display')) ?? s(at(ref, 'reference'));
}

function period(p: FhirValue): string | null {
  const start = s(at(p, 'start'));
  const end = s(at(p, 'end'));
  return start || end ? `${start ?? ''} – ${end ?? ''}`.trim() : null;
}

function valueOf(r: FhirNode): string | null {
  const q = fhirNode(r.valueQuantity);
  if (q) return join([s(q.comparator), s(q.value), s(q.unit) ?? s(q.code)], ' ');
  if (r.valueCodeableConcept !== undefined) return codeableText(r.valueCodeableConcept);
  for (const k of ['valueString', 'valueBoolean', 'valueInteger', 'valueDateTime', 'valueTime']) if (s(r[k])) return s(r[k]);
  if (r.valuePeriod !== undefined) return period(r.valuePeriod);
  return null;
}

function narrative(c: Ctx, text: FhirValue): string {
  const div = s(at(text, 'div'));
  if (!div || div.length > MAX_INLINE_TEXT) return '';
  try {
    return `<div class="narrative">${narrativeHtml(readXmlTree(div, { maxElements: 20_000 }), 'xhtml', { imageText: c.imageText })}</div>`;
  } catch {
    // Not well-formed XHTML: its text only, escaped.
    return `<div class="narrative">${esc(div.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim())}</div>`;
  }
}

const recordKey = (r: FhirNode) => `${s(r.resourceType)}/${s(r.id)}`;

/** A FHIR R4 Bundle (JSON, or XML read by fhirXmlToJson) as readable tables, the archived record's resource marked. */
export function renderFhirBundle(bundle: FhirNode, t: Labels, imageText: string, highlight: string | null): { title: string; html: string } {
  const entries = arr(bundle.entry).map((e) => fhirNode(e)).filter((e): e is FhirNode => !!e);
  const resources: FhirNode[] = [];
  const byRef = new Map<string, FhirNode>();
  for (const e of entries) {
    const r = fhirNode(e.resource);
    if (!r || !s(r.resourceType)) continue;
    resources.push(r);
    if (s(e.fullUrl)) byRef.set(s(e.fullUrl)!, r);
    if (s(r.id)) byRef.set(recordKey(r), r);
  }
  const c: Ctx = { t, imageText, byRef, highlight };
  const of = (type: string) => resources.filter((r) => s(r.resourceType) === type);
  const mark = (list: FhirNode[]) => (i: number) => (highlight && recordKey(list[i]) === highlight ? 'record' : null);
  const parts: string[] = [];
  const compositions = of('Composition');
  const title = s(compositions[0]?.title) ?? 'FHIR Bundle';
  parts.push(`<h1>${esc(title)}</h1>`);

  const patients = of('Patient');
  if (patients.length) {
    parts.push(`<h2>${esc(t('Patient'))}</h2>`);
    for (const p of patients) {
      parts.push(
        factsTable([
          [t('name'), join(arr(p.name).map(humanName), '; ')],
          [t('patientId'), join(arr(p.identifier).map((i) => join([s(at(i, 'value')), s(at(i, 'system')) && `(${s(at(i, 'system'))})`], ' ')), '; ')],
          [t('gender'), s(p.gender)],
          [t('birthDate'), s(p.birthDate)],
        ]),
      );
    }
  }
  for (const comp of compositions) {
    parts.push(`<section${highlight === recordKey(comp) ? ' class="record"' : ''}><h2>${esc(s(comp.title) ?? t('Composition'))}</h2>`);
    parts.push(
      factsTable([
        [t('documentType'), codeableText(comp.type)],
        [t('date'), s(comp.date)],
        [t('status'), s(comp.status)],
        [t('author'), join(arr(comp.author).map((a) => refName(c, a)), '; ')],
        [t('attester'), join(arr(comp.attester).map((a) => join([refName(c, at(a, 'party')), s(at(a, 'time'))], ' ')), '; ')],
        [t('custodian'), refName(c, comp.custodian)],
        [t('encounter'), period(at(resolve(c, comp.encounter) ?? {}, 'period'))],
      ]),
    );
    parts.push(compositionSections(c, arr(comp.section), 3), '</section>');
  }
  const table = (type: string, headers: string[], row: (r: FhirNode) => Array<string | null | { html: string }>) => {
    const list = of(type);
    if (list.length) parts.push(`<h2>${esc(t(type as never))}</h2>`, dataTable(headers, list.map(row), mark(list)));
  };
  table('Encounter', [t('period'), t('class'), t('type'), t('status'), t('provider')], (r) => [
    period(r.period),
    s(at(r.class, 'display')) ?? s(at(r.class, 'code')),
    join(arr(r.type).map(codeableText)),
    s(r.status),
    refName(c, r.serviceProvider),
  ]);
  table('DocumentReference', [t('date'), t('type'), t('description'), t('status'), t('author'), t('content')], (r) => [
    s(r.date),
    codeableText(r.type),
    s(r.description),
    s(r.status),
    join(arr(r.author).map((a) => refName(c, a)), '; '),
    { html: arr(r.content).map((x) => attachment(at(x, 'attachment'))).join('') },
  ]);
  table('Observation', [t('date'), t('code'), t('value'), t('status')], (r) => [s(r.effectiveDateTime) ?? period(r.effectivePeriod) ?? s(r.issued), codeableText(r.code), valueOf(r), s(r.status)]);
  table('Condition', [t('code'), t('status'), t('onset'), t('recorded')], (r) => [codeableText(r.code), codeableText(r.clinicalStatus), s(r.onsetDateTime) ?? period(r.onsetPeriod) ?? s(r.onsetString), s(r.recordedDate)]);
  table('MedicationStatement', [t('medication'), t('status'), t('period'), t('dosage')], (r) => [
    codeableText(r.medicationCodeableConcept) ?? refName(c, r.medicationReference),
    s(r.status),
    s(r.effectiveDateTime) ?? period(r.effectivePeriod),
    join(arr(r.dosage).map((d) => s(at(d, 'text'))), '; '),
  ]);
  const shown = new Set(['Patient', 'Composition', 'Encounter', 'DocumentReference', 'Observation', 'Condition', 'MedicationStatement']);
  const others = new Map<string, number>();
  for (const r of resources) if (!shown.has(s(r.resourceType)!)) others.set(s(r.resourceType)!, (others.get(s(r.resourceType)!) ?? 0) + 1);
  if (others.size) parts.push(`<h2>${esc(t('otherResources'))}</h2>`, factsTable([...others].map(([k, n]) => [k, String(n)])));
  return { title, html: parts.join('') };

  function compositionSections(cx: Ctx, sections: FhirValue[], depth: number): string {
    // Real documents nest a few levels; a hostile bundle nested thousands deep must not exhaust the stack.
    if (depth > MAX_SECTION_DEPTH) return '';
    return sections
      .map((sec) => fhirNode(sec))
      .filter((sec): sec is FhirNode => !!sec)
      .map((sec) => {
        const h = `h${Math.min(depth, 6)}`;
        const heading = s(sec.title) ?? codeableText(sec.code);
        return `<section>${heading ? `<${h}>${esc(heading)}</${h}>` : ''}${narrative(cx, sec.text)}${compositionSections(cx, arr(sec.section), depth + 1)}</section>`;
      })
      .join('');
  }
}

/** An attachment's facts; plain text carried inline is shown escaped, nothing else is decoded. */
function attachment(a: FhirValue): string {
  const n = fhirNode(a);
  if (!n) return '';
  const type = s(n.contentType);
  const facts = esc(join([s(n.title), type, s(n.url)], ' · ') ?? '');
  const data = s(n.data);
  if (data && type?.startsWith('text/') && data.length <= MAX_INLINE_TEXT) {
    return `<div>${facts}<pre>${esc(Buffer.from(data, 'base64').toString('utf8'))}</pre></div>`;
  }
  return `<div>${facts}</div>`;
}
