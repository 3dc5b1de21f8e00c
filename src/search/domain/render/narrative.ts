import type { XmlElement, XmlNode } from '@samarkiv/records';
import { esc } from './html';

export const HL7_NS = 'urn:hl7-org:v3';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** CDA narrative block element → the HTML element it becomes. Anything not listed contributes only its text. */
const CDA_ELEMENTS: Record<string, string> = {
  paragraph: 'p',
  content: 'span',
  list: 'ul',
  item: 'li',
  table: 'table',
  caption: 'caption',
  thead: 'thead',
  tbody: 'tbody',
  tfoot: 'tfoot',
  tr: 'tr',
  th: 'th',
  td: 'td',
  colgroup: 'colgroup',
  col: 'col',
  br: 'br',
  sub: 'sub',
  sup: 'sup',
  footnote: 'small',
  footnoteRef: 'sup',
  linkHtml: 'span',
};

/** The XHTML subset FHIR narratives may use (R4 narrative rules), minus anything active. */
const XHTML_ELEMENTS = new Set([
  'p', 'div', 'span', 'br', 'b', 'i', 'em', 'strong', 'u', 'small', 'big', 'sub', 'sup', 'code', 'pre', 'blockquote', 'q', 'cite', 'hr',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'colgroup', 'col',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'abbr', 'acronym', 'address', 'tt', 'var', 'kbd', 'samp', 'dfn', 'ins', 'del', 's', 'strike',
]);

/** Headings inside a narrative sit below the page's own headings. */
const HEADING_SHIFT: Record<string, string> = { h1: 'h4', h2: 'h4', h3: 'h5', h4: 'h5', h5: 'h6', h6: 'h6' };
const VOID = new Set(['br', 'hr', 'col']);
const STYLE_CODES: Record<string, string> = { bold: 'sc-bold', italics: 'sc-italics', underline: 'sc-underline', emphasis: 'sc-italics' };
const SPAN = /^[1-9][0-9]{0,2}$/;

export interface NarrativeOptions {
  /** Text shown for multimedia and images (never loaded). */
  imageText: string;
}

/**
 * A CDA section's `<text>` (or a FHIR narrative `div`) as safe HTML: element names are mapped
 * through a whitelist, the only attributes kept are numeric col/rowspan and whitelisted style
 * classes, links become inert text, and all text is escaped. Nothing from the source can become
 * an element, attribute, URL or style of its own.
 */
export function narrativeHtml(el: XmlElement, kind: 'cda' | 'xhtml', opts: NarrativeOptions): string {
  return el.children.map((c) => node(c, kind, opts)).join('');
}

function node(n: XmlNode, kind: 'cda' | 'xhtml', opts: NarrativeOptions): string {
  if (typeof n === 'string') return esc(n);
  const inner = () => n.children.map((c) => node(c, kind, opts)).join('');
  const tag = kind === 'cda' ? cdaTag(n) : xhtmlTag(n);
  if (tag === 'image') return `<span class="meta">${esc(opts.imageText)}</span>`;
  if (!tag) return inner();
  const attrs = safeAttributes(n, tag, kind);
  if (VOID.has(tag)) return `<${tag}${attrs}>`;
  return `<${tag}${attrs}>${inner()}</${tag}>`;
}

function cdaTag(n: XmlElement): string | null {
  if (n.ns !== HL7_NS) return null;
  if (n.name === 'renderMultiMedia') return 'image';
  if (n.name === 'list') return n.attrs.listType === 'ordered' ? 'ol' : 'ul';
  return CDA_ELEMENTS[n.name] ?? null;
}

function xhtmlTag(n: XmlElement): string | null {
  // Narratives that forgot their namespace are still only ever mapped through the whitelist.
  if (n.ns !== XHTML_NS && n.ns !== '') return null;
  if (n.name === 'img') return 'image';
  if (n.name === 'a') return 'span';
  if (HEADING_SHIFT[n.name]) return HEADING_SHIFT[n.name];
  return XHTML_ELEMENTS.has(n.name) ? n.name : null;
}

function safeAttributes(n: XmlElement, tag: string, kind: 'cda' | 'xhtml'): string {
  const out: string[] = [];
  if (tag === 'td' || tag === 'th') {
    for (const a of ['colspan', 'rowspan']) if (SPAN.test(n.attrs[a] ?? '')) out.push(`${a}="${n.attrs[a]}"`);
  }
  const classes = new Set<string>();
  if ((kind === 'cda' && n.name === 'linkHtml') || (kind === 'xhtml' && n.name === 'a')) classes.add('link');
  if (kind === 'cda') for (const code of (n.attrs.styleCode ?? '').toLowerCase().split(/\s+/)) if (STYLE_CODES[code]) classes.add(STYLE_CODES[code]);
  if (classes.size) out.push(`class="${[...classes].join(' ')}"`);
  return out.length ? ` ${out.join(' ')}` : '';
}
