import { SaxesParser } from 'saxes';
import { parsePattern } from '../pattern/pattern-syntax.parser';
import { CompiledByteSequence, CompiledSignature, SequenceAnchor } from './compiled-signature';
import { buildSubsequence, RawFragment } from './subsequence.builder';

/**
 * A minimal element tree: attributes under `@name`, text under `#text`, child elements as
 * arrays under their local name (namespace prefixes dropped).
 */
export type XmlNode = Record<string, unknown>;

/** Parses with saxes (strict, streaming) into the minimal tree the compilers walk. */
export function parseSignatureXml(xml: string | Buffer): XmlNode {
  const root: XmlNode = {};
  const stack: XmlNode[] = [root];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const node: XmlNode = {};
    const attrs = tag.attributes as Record<string, string>;
    for (const k in attrs) node['@' + localName(k)] = attrs[k];
    const parent = stack[stack.length - 1];
    const name = localName(tag.name);
    const list = parent[name] as XmlNode[] | undefined;
    if (list) list.push(node);
    else parent[name] = [node];
    stack.push(node);
  });
  parser.on('text', (t) => {
    // Whitespace between elements is layout, not content.
    if (stack.length === 1 || !NON_SPACE.test(t)) return;
    const node = stack[stack.length - 1];
    const prev = node['#text'] as string | undefined;
    node['#text'] = prev === undefined ? t.trim() : prev + t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(typeof xml === 'string' ? xml : xml.toString('utf8')).close();
  return root;
}

const NON_SPACE = /\S/;

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const v = (node as XmlNode)[name];
  return Array.isArray(v) ? (v as XmlNode[]) : v === undefined || v === '' ? [] : [v as XmlNode];
}

export function child(node: unknown, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as XmlNode)[`@${name}`];
  return v === undefined ? undefined : String(v);
}

export function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node !== 'object') return String(node);
  const v = (node as XmlNode)['#text'];
  return v === undefined ? '' : String(v);
}

function intAttr(node: unknown, name: string, fallback: number): number {
  const v = attr(node, name);
  return v === undefined || v === '' ? fallback : Number(v);
}

function anchorOf(reference: string | undefined): SequenceAnchor {
  if (reference === 'BOFoffset') return 'bof';
  if (reference === 'EOFoffset') return 'eof';
  return 'var';
}

function fragments(sub: XmlNode, name: string): RawFragment[] {
  return children(sub, name).map((f) => ({
    position: intAttr(f, 'Position', 1),
    minOffset: intAttr(f, 'MinOffset', 0),
    maxOffset: intAttr(f, 'MaxOffset', intAttr(f, 'MinOffset', 0)),
    tokens: parsePattern(text(f)),
  }));
}

/** Compiles one `InternalSignature` element (main file or a container file's BinarySignatures). */
export function compileInternalSignature(node: XmlNode): CompiledSignature {
  const sequences: CompiledByteSequence[] = children(node, 'ByteSequence').map((bs) => {
    const ref = anchorOf(attr(bs, 'Reference'));
    const subs = children(bs, 'SubSequence')
      .map((sub, index) => ({ sub, position: intAttr(sub, 'Position', index + 1) }))
      .sort((a, b) => a.position - b.position)
      .map(({ sub }, index) => {
        const maxAttr = attr(sub, 'SubSeqMaxOffset');
        // A first Variable subsequence may float anywhere; a missing max means no bound.
        const minOffset = intAttr(sub, 'SubSeqMinOffset', 0);
        const maxOffset = maxAttr === undefined || maxAttr === '' || (ref === 'var' && index === 0) ? -1 : Number(maxAttr);
        // Some container signatures write a max below the min (16..0); the min is what they mean.
        return buildSubsequence(
          parsePattern(text(child(sub, 'Sequence'))),
          fragments(sub, 'LeftFragment'),
          fragments(sub, 'RightFragment'),
          minOffset,
          maxOffset >= 0 && maxOffset < minOffset ? minOffset : maxOffset,
        );
      });
    return { ref, subs: ref === 'eof' ? subs.reverse() : subs };
  });
  return { id: intAttr(node, 'ID', 0), sequences };
}
