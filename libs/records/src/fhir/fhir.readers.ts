import { readFile, stat } from 'node:fs/promises';
import { CanonicalRecord, FindingSink, RecordFindingCode, RecordTypeShape, SourceFile } from '../canonical-record';
import { streamXmlEvents, XmlNotWellFormed } from '../xml/xml-events';
import { FhirOptions, mapFhirBundle } from './fhir-bundle.mapper';
import { FhirNode, FhirValue } from './fhir-model';

export const FHIR_NS = 'http://hl7.org/fhir';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** A Bundle is held in memory to resolve its references; larger exports must be split (or NDJSON). */
export const MAX_FHIR_BUNDLE_BYTES = 256 * 1024 * 1024;

async function tooLarge(file: SourceFile, findings: FindingSink): Promise<boolean> {
  if ((await stat(file.path)).size <= MAX_FHIR_BUNDLE_BYTES) return false;
  findings.error(RecordFindingCode.InvalidValue, `the FHIR Bundle is larger than ${MAX_FHIR_BUNDLE_BYTES} bytes; split it into several bundles`);
  return true;
}

/** FHIR R4 Bundle in JSON. */
export async function* readFhirJson(file: SourceFile, type: RecordTypeShape, options: FhirOptions, findings: FindingSink): AsyncGenerator<CanonicalRecord> {
  if (await tooLarge(file, findings)) return;
  let bundle: unknown;
  try {
    bundle = JSON.parse(await readFile(file.path, 'utf8'));
  } catch {
    findings.error(RecordFindingCode.InvalidJson, 'the file is not valid JSON');
    return;
  }
  if (!bundle || typeof bundle !== 'object' || Array.isArray(bundle)) {
    findings.error(RecordFindingCode.UnexpectedRoot, 'not a FHIR Bundle (resourceType must be Bundle)');
    return;
  }
  yield* mapFhirBundle(bundle as FhirNode, file.logicalPath, type, options, findings);
}

interface Frame {
  name: string;
  node: FhirNode;
  /** Narrative XHTML is read as text. */
  text: string[] | null;
  value: string | undefined;
  hasChildren: boolean;
}

const BLOCK = new Set(['p', 'div', 'br', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table']);

/**
 * FHIR R4 Bundle in XML, read into the same shape as JSON: `value` attributes become primitives,
 * repeated elements arrays, resource containers `{ resourceType, … }` and narrative `div` text.
 */
export async function* readFhirXml(file: SourceFile, type: RecordTypeShape, options: FhirOptions, findings: FindingSink): AsyncGenerator<CanonicalRecord> {
  if (await tooLarge(file, findings)) return;
  const stack: Frame[] = [];
  let root: FhirNode | null = null;
  let divDepth = 0;
  const add = (parent: Frame, name: string, value: FhirValue) => {
    parent.hasChildren = true;
    const existing = parent.node[name];
    parent.node[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  try {
    for await (const _ of streamXmlEvents(file.path, {
      open(tag) {
        const top = stack[stack.length - 1];
        if (divDepth > 0 || (tag.name === 'div' && tag.ns === XHTML_NS)) {
          if (divDepth === 0) stack.push({ name: 'div', node: {}, text: [], value: undefined, hasChildren: false });
          else if (BLOCK.has(tag.name)) stack[stack.length - 1].text!.push('\n');
          divDepth++;
          return;
        }
        if (!top && (tag.name !== 'Bundle' || tag.ns !== FHIR_NS)) throw new NotBundle();
        stack.push({ name: tag.name, node: {}, text: null, value: tag.attrs.value, hasChildren: false });
      },
      text(t) {
        if (divDepth > 0) stack[stack.length - 1].text!.push(t);
      },
      close() {
        if (divDepth > 1) {
          divDepth--;
          return;
        }
        if (divDepth === 1) divDepth = 0;
        const frame = stack.pop()!;
        const parent = stack[stack.length - 1];
        const value: FhirValue = frame.text ? frame.text.join('') : !frame.hasChildren && frame.value !== undefined ? frame.value : frame.node;
        if (!parent) {
          root = { resourceType: frame.name, ...frame.node };
          return;
        }
        // A resource container holds exactly one resource element, named by its type.
        if (/^[A-Z]/.test(frame.name) && (parent.name === 'resource' || parent.name === 'contained')) {
          Object.assign(parent.node, { resourceType: frame.name, ...frame.node });
          parent.hasChildren = true;
          return;
        }
        add(parent, frame.name, value);
      },
    }));
  } catch (err) {
    if (err instanceof NotBundle) {
      findings.error(RecordFindingCode.UnexpectedRoot, `not a FHIR Bundle (root element must be Bundle in ${FHIR_NS})`);
      return;
    }
    if (err instanceof XmlNotWellFormed) {
      findings.error(RecordFindingCode.NotWellFormed, `the FHIR Bundle is not well-formed XML: ${err.message}`);
      return;
    }
    throw err;
  }
  if (root) yield* mapFhirBundle(root, file.logicalPath, type, options, findings);
}

class NotBundle extends Error {}
