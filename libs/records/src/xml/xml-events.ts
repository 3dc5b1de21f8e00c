import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { SaxesParser, SaxesTagNS } from 'saxes';

/** An element as readers see it: local name, namespace and attributes by local name. */
export interface XmlTag {
  name: string;
  ns: string;
  attrs: Record<string, string>;
}

/** Handlers a reader registers; `depth` is the element's depth (root = 1). */
export interface XmlHandlers {
  open?(tag: XmlTag, path: readonly string[]): void;
  close?(tag: XmlTag, path: readonly string[]): void;
  text?(text: string, path: readonly string[]): void;
}

export class XmlNotWellFormed extends Error {}

const ENCODING_DECL = /^(?:\uFEFF)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** The decoder a document asks for: BOM, then the XML declaration's encoding, else UTF-8 (fatal on bad bytes). */
export function decoderFor(head: Buffer): TextDecoder {
  let encoding = 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) encoding = 'utf-16le';
  else if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) encoding = 'utf-16be';
  else encoding = ENCODING_DECL.exec(head.toString('latin1', 0, Math.min(head.length, 256)))?.[1].toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new XmlNotWellFormed(`unsupported character encoding "${encoding}"`);
  }
}

function toTag(tag: SaxesTagNS): XmlTag {
  const attrs: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) attrs[a.uri ? `${a.uri}|${a.local}` : a.local] = a.value;
  return { name: tag.local, ns: tag.uri, attrs };
}

/**
 * Streams a file through a namespace-aware parser in 1 MiB chunks and yields after every chunk, so
 * a reader can hand out the records completed so far (memory stays flat for large exports).
 * DOCTYPE declarations are refused (XXE, entity bombs); any well-formedness error becomes XmlNotWellFormed.
 */
export async function* streamXmlEvents(path: string, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: string[] = [];
  const tags: XmlTag[] = [];
  parser.on('doctype', () => {
    throw new XmlNotWellFormed('a DOCTYPE declaration is not accepted (DTDs and external entities are refused for safety)');
  });
  parser.on('opentag', (t) => {
    checkNamespaceNames(t as SaxesTagNS);
    const tag = toTag(t as SaxesTagNS);
    stack.push(tag.name);
    tags.push(tag);
    handlers.open?.(tag, stack);
  });
  parser.on('closetag', () => {
    const tag = tags.pop()!;
    handlers.close?.(tag, stack);
    stack.pop();
  });
  if (handlers.text) {
    const onText = (t: string) => handlers.text!(t, stack);
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  parser.on('error', (err) => {
    throw new XmlNotWellFormed(firstLine(err));
  });
  let decoder: TextDecoder | undefined;
  const write = (s: string) => parser.write(s);
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const buf = chunk as Buffer;
    decoder ??= decoderFor(buf);
    let s: string;
    try {
      s = decoder.decode(buf, { stream: true });
    } catch {
      throw new XmlNotWellFormed('the bytes are not valid in the declared character encoding');
    }
    write(s);
    yield;
  }
  if (decoder) write(decoder.decode());
  parser.close();
  yield;
}

/**
 * Namespaces in XML 1.0: a declaration's value must be a URI reference. saxes accepts any string;
 * strict parsers (libxml2, Xerces) refuse e.g. `xmlns:schemaLocation="urn:hl7-org:v3 CDA.xsd"`.
 */
function checkNamespaceNames(tag: SaxesTagNS): void {
  for (const [prefix, uri] of Object.entries(tag.ns ?? {})) {
    if (/[\s<>"{}|\\^`]/.test(uri)) {
      throw new XmlNotWellFormed(`namespace declaration ${prefix ? `xmlns:${prefix}` : 'xmlns'} on element ${tag.name} is not a URI reference`);
    }
  }
}

/** saxes messages name the position and the rule, never document content beyond a name. */
function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
}

export type XmlRootResult = { ns: string; name: string } | { error: string } | null;

/**
 * Reads only up to the root start tag: its namespace and local name (for picking a mapping), the
 * well-formedness error met before it, or null for an empty document.
 */
export async function xmlRoot(path: string): Promise<XmlRootResult> {
  let root: { ns: string; name: string } | null = null;
  const stop = new Error('root found');
  try {
    for await (const _ of streamXmlEvents(path, {
      open(tag) {
        root = { ns: tag.ns, name: tag.name };
        throw stop;
      },
    }));
  } catch (err) {
    if (err instanceof XmlNotWellFormed) return { error: err.message };
    if (err !== stop) throw err;
  }
  return root;
}
