import { SaxesParser, SaxesTagNS } from 'saxes';
import { decoderFor, XmlNotWellFormed } from './xml-events';

/** An element of a parsed document: local name, namespace, attributes by local name, children in order. */
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlElement {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export interface XmlTreeLimits {
  /** Elements in the whole document (default 2,000,000). */
  maxElements?: number;
  /** Nesting depth (default 256). */
  maxDepth?: number;
}

/**
 * Parses a whole document into a small tree (for rendering, not for streaming reads). Like the
 * streaming reader it refuses DOCTYPE declarations, so no DTD, no external entity and no entity
 * expansion is ever processed; only the five predefined entities and character references exist.
 * Element count and depth are bounded; any violation is XmlNotWellFormed.
 */
export function readXmlTree(data: Buffer | string, limits: XmlTreeLimits = {}): XmlElement {
  const maxElements = limits.maxElements ?? 2_000_000;
  const maxDepth = limits.maxDepth ?? 256;
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  parser.on('doctype', () => {
    throw new XmlNotWellFormed('a DOCTYPE declaration is not accepted (DTDs and external entities are refused for safety)');
  });
  parser.on('opentag', (t) => {
    const tag = t as SaxesTagNS;
    if (++count > maxElements) throw new XmlNotWellFormed(`the document has more than ${maxElements} elements`);
    if (stack.length >= maxDepth) throw new XmlNotWellFormed(`the document nests deeper than ${maxDepth} levels`);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) if (a.uri !== XMLNS_NS) attrs[a.uri ? `${a.uri}|${a.local}` : a.local] = a.value;
    const el: XmlElement = { name: tag.local, ns: tag.uri, attrs, children: [] };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  const onText = (text: string) => {
    if (stack.length) stack[stack.length - 1].children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (err) => {
    throw new XmlNotWellFormed((err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300));
  });
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    try {
      text = decoderFor(data).decode(data);
    } catch (e) {
      if (e instanceof XmlNotWellFormed) throw e;
      throw new XmlNotWellFormed('the bytes are not valid in the declared character encoding');
    }
  }
  parser.write(text.replace(/^\uFEFF/, ''));
  parser.close();
  if (!root) throw new XmlNotWellFormed('the document has no root element');
  return root;
}

/** Child elements, optionally only those with a local name (and namespace). */
export function childElements(el: XmlElement, name?: string, ns?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name) && (ns === undefined || c.ns === ns));
}

/** All text below an element, in document order. */
export function textOf(node: XmlNode): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}
