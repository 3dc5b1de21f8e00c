import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

/** Raised when an XML file carries a DOCTYPE: DTDs enable XXE and entity-expansion bombs, so none is read. */
export class DoctypeRefused extends Error {
  constructor() {
    super('XML with a DOCTYPE declaration is not accepted (DTDs and external entities are refused for safety)');
  }
}

/** Stops a parse early once the caller has what it needs. */
export class StopParsing extends Error {}

const ENCODING_DECL = /^(?:\uFEFF)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** Picks the decoder from the BOM or the XML declaration, defaulting to UTF-8 as XML does. */
export function sniffEncoding(head: Buffer): string {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const match = ENCODING_DECL.exec(head.toString('latin1', 0, Math.min(head.length, 256)));
  return match ? match[1].toLowerCase() : 'utf-8';
}

/**
 * UTF-8 goes through Node's StringDecoder (several times faster than TextDecoder here); malformed
 * bytes are left for the XML Schema step, which rejects them. Other encodings use TextDecoder.
 */
function decoderFor(encoding: string): (buf?: Buffer) => string {
  if (encoding === 'utf-8' || encoding === 'utf8') {
    const d = new StringDecoder('utf8');
    return (buf) => (buf ? d.write(buf) : d.end());
  }
  let d: TextDecoder;
  try {
    d = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new Error(`unsupported character encoding "${encoding}"`);
  }
  return (buf) => (buf ? d.decode(buf, { stream: true }) : d.decode());
}

/**
 * Streams a file through a namespace-aware saxes parser in 1 MiB chunks, refusing any DOCTYPE.
 * `setup` registers the caller's handlers; the promise settles when the document ends or a handler throws.
 */
export async function streamXml(path: string, setup: (parser: SaxesParser<{ xmlns: true; position: true }>) => void): Promise<void> {
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: path });
  parser.on('doctype', () => {
    throw new DoctypeRefused();
  });
  setup(parser);
  let decode: ((buf?: Buffer) => string) | undefined;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      const buf = chunk as Buffer;
      if (!decode) decode = decoderFor(sniffEncoding(buf));
      parser.write(decode(buf));
    }
    if (decode) parser.write(decode());
    parser.close();
  } catch (err) {
    if (err instanceof StopParsing) return;
    throw err;
  }
}

export type PrologCheck = { ok: true; rootNamespace: string; rootName: string } | { ok: false; doctype: boolean; reason: string };

/** Reads an XML file only up to its root start tag: refuses a DOCTYPE and reports the root namespace. */
export async function checkXmlProlog(path: string): Promise<PrologCheck> {
  let root: { ns: string; name: string } | undefined;
  try {
    await streamXml(path, (parser) => {
      parser.on('opentag', (tag) => {
        root = { ns: tag.uri ?? '', name: tag.local ?? tag.name };
        throw new StopParsing();
      });
    });
  } catch (err) {
    return { ok: false, doctype: err instanceof DoctypeRefused, reason: (err as Error).message };
  }
  if (!root) return { ok: false, doctype: false, reason: 'no root element' };
  return { ok: true, rootNamespace: root.ns, rootName: root.name };
}
