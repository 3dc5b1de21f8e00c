/**
 * A small XML writer for the package writers: UTF-8 with a declaration, two-space indentation,
 * attributes in the order given (so output is deterministic) and escaping that is correct for
 * any string, including characters XML 1.0 cannot carry at all.
 */
export type XmlAttributes = Record<string, string | number | undefined>;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * Code points XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates).
 * They cannot be escaped either (`&#1;` is just as illegal), so they become U+FFFD: a visible
 * marker that something unrepresentable was in the input, instead of a document no parser reads.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_SPECIAL = /[&<>\r]/g;
// TAB, LF and CR are escaped in attributes because attribute-value normalisation would turn them into spaces.
const ATTR_SPECIAL = /[&<>"\t\n\r]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Any character either escape may change: most values (ids, digests, paths) have none and skip both passes. */
const MAY_CHANGE = /[\u0000-\u001F&<>"\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeXmlText(value: string): string {
  return MAY_CHANGE.test(value) ? value.replace(FORBIDDEN, '\uFFFD').replace(TEXT_SPECIAL, (c) => ENTITIES[c]) : value;
}

export function escapeXmlAttribute(value: string): string {
  return MAY_CHANGE.test(value) ? value.replace(FORBIDDEN, '\uFFFD').replace(ATTR_SPECIAL, (c) => ENTITIES[c]) : value;
}

/** Output is encoded as it is written, into chunks of this size. */
const CHUNK_BYTES = 1024 * 1024;
const PENDING_CHARS = 16 * 1024;

export class XmlWriter {
  private readonly stack: string[] = [];
  /**
   * UTF-8 written so far. A METS or PREMIS of 100,000 files is millions of short lines: kept as
   * strings until the end they all outlive the young generation and the collector copies them;
   * encoded as they come (a few KiB at a time), each line's string dies young.
   */
  private readonly chunks: Buffer[] = [];
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Lines not yet encoded: gathered into one string of up to PENDING_CHARS, encoded in one call. */
  private pending = '';
  private readonly indents = [''];

  constructor() {
    this.append(XML_DECLARATION);
  }

  /** Opens an element that will get children; close it with `close()`. */
  open(name: string, attributes: XmlAttributes = {}): this {
    this.append(`${this.indent()}<${name}${formatAttributes(attributes)}>\n`);
    this.stack.push(name);
    return this;
  }

  /** Writes an element without children: empty, or with text content. */
  leaf(name: string, attributes: XmlAttributes = {}, text?: string): this {
    const attrs = formatAttributes(attributes);
    this.append(text === undefined ? `${this.indent()}<${name}${attrs}/>\n` : `${this.indent()}<${name}${attrs}>${escapeXmlText(text)}</${name}>\n`);
    return this;
  }

  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('XmlWriter.close() without an open element');
    this.append(`${this.indent()}</${name}>\n`);
    return this;
  }

  toString(): string {
    return this.toBuffer().toString('utf8');
  }

  toBuffer(): Buffer {
    if (this.stack.length > 0) throw new Error(`XmlWriter: unclosed element <${this.stack[this.stack.length - 1]}>`);
    this.encode();
    return Buffer.concat([...this.chunks, this.chunk.subarray(0, this.used)]);
  }

  private append(text: string): void {
    this.pending += text;
    if (this.pending.length >= PENDING_CHARS) this.encode();
  }

  private encode(): void {
    const text = this.pending;
    this.pending = '';
    // At most 3 bytes per UTF-16 code unit: text that may not fit starts a new chunk.
    if (this.used + text.length * 3 > this.chunk.length) {
      this.chunks.push(this.chunk.subarray(0, this.used));
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, text.length * 3));
      this.used = 0;
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
  }

  private indent(): string {
    const depth = this.stack.length;
    for (let d = this.indents.length; d <= depth; d++) this.indents.push('  '.repeat(d));
    return this.indents[depth];
  }
}

function formatAttributes(attributes: XmlAttributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  return out;
}
