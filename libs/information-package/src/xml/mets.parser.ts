import { SaxesTagNS } from 'saxes';
import { Attrs, MdSection, MetsAgent, MetsDiv, MetsDocument, MetsElement, MetsFile } from './mets.model';
import { CSIP_NS, METS_NS, prefixFor } from './namespaces';
import { streamXml } from './xml-stream';

interface Frame {
  local: string;
  xpath: string;
  /** Child counts for positional XPaths; left out for bulk elements, which never have children we locate. */
  counts: Map<string, number> | undefined;
}

const IDREF_ATTRS = ['DMDID', 'ADMID', 'FILEID'];
const MD_KINDS = new Set(['techMD', 'rightsMD', 'sourceMD', 'digiprovMD']);
const TEXT_ELEMENTS = new Set(['name', 'note', 'altRecordID']);
/** Elements that may repeat by the hundred thousand: no XPath string is kept for them. */
const BULK_ELEMENTS = new Set(['file', 'FLocat', 'fptr']);

const keyCache = new Map<string, string>();
const valueCache = new Map<string, string>();
const VALUE_CACHE_LIMIT = 10_000;

/**
 * Attribute values arrive as slices of saxes' 1 MiB input chunks; keeping a slice keeps the whole
 * chunk alive. Repeated values (MIMETYPE, CREATED, LOCTYPE…) are shared through a small cache and
 * the rest are copied, so a 100,000-file METS does not pin every chunk it was read from.
 */
function detach(value: string): string {
  const cached = valueCache.get(value);
  if (cached !== undefined) return cached;
  const copy = value.length > 12 ? (' ' + value).slice(1) : value;
  if (valueCache.size < VALUE_CACHE_LIMIT && value.length <= 40) valueCache.set(copy, copy);
  return copy;
}

function attrKey(uri: string, local: string): string {
  const raw = `${uri} ${local}`;
  let key = keyCache.get(raw);
  if (key === undefined) {
    const prefix = prefixFor(uri);
    key = prefix === undefined ? `{${uri}}${local}` : `${prefix}${local}`;
    keyCache.set(raw, key);
  }
  return key;
}

function toAttrs(tag: SaxesTagNS): Attrs {
  const attrs: Attrs = {};
  for (const a of Object.values(tag.attributes)) {
    if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
    attrs[attrKey(a.uri, a.local)] = detach(a.value);
  }
  return attrs;
}

export function emptyMetsDocument(file: string): MetsDocument {
  return {
    file,
    root: undefined,
    rootIsMets: false,
    csipNamespaceUri: undefined,
    headers: [],
    dmdSecs: [],
    amdSecs: [],
    fileSecs: [],
    fileGroups: [],
    files: [],
    structMaps: [],
    ids: new Map(),
    duplicateIds: [],
    idrefs: [],
  };
}

/**
 * Streams a METS file into a compact model (no DOM), so a METS with 100,000 files fits in bounded
 * memory. Content inside mdWrap and foreign-namespace elements is skipped.
 */
export async function parseMets(absPath: string, relPath: string): Promise<MetsDocument> {
  const doc = emptyMetsDocument(relPath);
  const stack: Frame[] = [];
  const groupStack: number[] = [];
  const divStack: MetsDiv[] = [];
  let skipDepth = 0;
  let currentAgent: MetsAgent | undefined;
  let currentMd: MdSection | undefined;
  let currentFile: MetsFile | undefined;
  let text: string | undefined;
  let textAttrs: Attrs = {};

  await streamXml(absPath, (parser) => {
    parser.on('opentag', (tag) => {
      const parent = stack[stack.length - 1];
      const local = tag.local ?? tag.name;
      const bulk = BULK_ELEMENTS.has(local);
      let xpath = '';
      if (!bulk) {
        const n = (parent?.counts?.get(local) ?? 0) + 1;
        parent?.counts?.set(local, n);
        xpath = `${parent?.xpath ?? ''}/${local}${n > 1 || local === 'fileGrp' || local === 'div' ? `[${n}]` : ''}`;
      }
      stack.push({ local, xpath, counts: bulk ? undefined : new Map() });
      if (skipDepth > 0 || (tag.uri !== METS_NS && stack.length > 1)) {
        skipDepth += 1;
        return;
      }
      const line = parser.line;
      const attrs = toAttrs(tag);
      const el: MetsElement = { attrs, line, xpath };
      if (attrs.ID !== undefined) {
        if (doc.ids.has(attrs.ID)) doc.duplicateIds.push({ id: attrs.ID, line, element: local });
        else doc.ids.set(attrs.ID, line);
      }
      for (const name of IDREF_ATTRS) {
        const v = attrs[name];
        if (v) for (const value of v.split(/\s+/).filter(Boolean)) doc.idrefs.push({ attr: name, value, line });
      }
      const parentLocal = parent?.local;
      switch (local) {
        case 'mets':
          if (stack.length === 1) {
            doc.root = el;
            doc.rootIsMets = tag.uri === METS_NS;
            for (const [prefix, uri] of Object.entries(tag.ns ?? {})) {
              if (uri.toLowerCase() === CSIP_NS.toLowerCase()) doc.csipNamespaceUri = uri;
              void prefix;
            }
          }
          break;
        case 'metsHdr':
          doc.headers.push({ ...el, agents: [], altRecordIds: [] });
          break;
        case 'agent':
          if (parentLocal === 'metsHdr') {
            currentAgent = { ...el, names: [], notes: [] };
            doc.headers[doc.headers.length - 1].agents.push(currentAgent);
          }
          break;
        case 'dmdSec':
          currentMd = { ...el, kind: 'dmdSec', mdRefs: [], mdWrapCount: 0 };
          doc.dmdSecs.push(currentMd);
          break;
        case 'amdSec':
          doc.amdSecs.push({ ...el, sections: [] });
          break;
        case 'mdRef':
          currentMd?.mdRefs.push(el);
          break;
        case 'mdWrap':
          if (currentMd) currentMd.mdWrapCount += 1;
          skipDepth = 1;
          break;
        case 'fileSec':
          doc.fileSecs.push(el);
          break;
        case 'fileGrp':
          groupStack.push(doc.fileGroups.length);
          doc.fileGroups.push({ ...el, use: attrs.USE, fileCount: 0 });
          break;
        case 'file':
          if (groupStack.length > 0) {
            const groupIndex = groupStack[groupStack.length - 1];
            currentFile = { attrs, line, groupIndex, flocats: [] };
            doc.fileGroups[groupIndex].fileCount += 1;
            doc.files.push(currentFile);
          }
          break;
        case 'FLocat':
          currentFile?.flocats.push(attrs);
          break;
        case 'structMap':
          doc.structMaps.push({ ...el, divs: [] });
          break;
        case 'div': {
          const div: MetsDiv = { ...el, children: [], fptrs: [], mptrs: [] };
          const parentDiv = divStack[divStack.length - 1];
          if (parentDiv) parentDiv.children.push(div);
          else doc.structMaps[doc.structMaps.length - 1]?.divs.push(div);
          divStack.push(div);
          break;
        }
        case 'fptr':
          divStack[divStack.length - 1]?.fptrs.push(el);
          break;
        case 'mptr':
          divStack[divStack.length - 1]?.mptrs.push(el);
          break;
        default:
          if (MD_KINDS.has(local) && parentLocal === 'amdSec') {
            currentMd = { ...el, kind: local as MdSection['kind'], mdRefs: [], mdWrapCount: 0 };
            doc.amdSecs[doc.amdSecs.length - 1].sections.push(currentMd);
          } else if (TEXT_ELEMENTS.has(local) && (parentLocal === 'agent' || parentLocal === 'metsHdr')) {
            text = '';
            textAttrs = attrs;
          }
      }
    });
    parser.on('text', (t) => {
      if (text !== undefined) text += t;
    });
    parser.on('closetag', () => {
      const frame = stack.pop() as Frame;
      if (skipDepth > 0) {
        skipDepth -= 1;
        return;
      }
      switch (frame.local) {
        case 'name':
        case 'note':
        case 'altRecordID':
          if (text !== undefined) {
            const value = text.trim();
            if (frame.local === 'name') currentAgent?.names.push(value);
            else if (frame.local === 'note') currentAgent?.notes.push({ attrs: textAttrs, text: value });
            else doc.headers[doc.headers.length - 1]?.altRecordIds.push({ attrs: textAttrs, text: value, line: parser.line });
            text = undefined;
          }
          break;
        case 'agent':
          currentAgent = undefined;
          break;
        case 'dmdSec':
        case 'techMD':
        case 'rightsMD':
        case 'sourceMD':
        case 'digiprovMD':
          currentMd = undefined;
          break;
        case 'fileGrp':
          groupStack.pop();
          break;
        case 'file':
          currentFile = undefined;
          break;
        case 'div':
          divStack.pop();
          break;
      }
    });
  });
  return doc;
}
