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

export function escapeXmlText(value: string): string {
  return value.replace(FORBIDDEN, '\uFFFD').replace(TEXT_SPECIAL, (c) => ENTITIES[c]);
}

export function escapeXmlAttribute(value: string): string {
  return value.replace(FORBIDDEN, '\uFFFD').replace(ATTR_SPECIAL, (c) => ENTITIES[c]);
}

export class XmlWriter {
  private readonly parts: string[] = [XML_DECLARATION];
  private readonly stack: string[] = [];

  /** Opens an element that will get children; close it with `close()`. */
  open(name: string, attributes: XmlAttributes = {}): this {
    this.parts.push(`${this.indent()}<${name}${formatAttributes(attributes)}>\n`);
    this.stack.push(name);
    return this;
  }

  /** Writes an element without children: empty, or with text content. */
  leaf(name: string, attributes: XmlAttributes = {}, text?: string): this {
    const attrs = formatAttributes(attributes);
    this.parts.push(
      text === undefined
        ? `${this.indent()}<${name}${attrs}/>\n`
        : `${this.indent()}<${name}${attrs}>${escapeXmlText(text)}</${name}>\n`,
    );
    return this;
  }

  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('XmlWriter.close() without an open element');
    this.parts.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  toString(): string {
    if (this.stack.length > 0) throw new Error(`XmlWriter: unclosed element <${this.stack[this.stack.length - 1]}>`);
    return this.parts.join('');
  }

  toBuffer(): Buffer {
    return Buffer.from(this.toString(), 'utf8');
  }

  private indent(): string {
    return '  '.repeat(this.stack.length);
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
