import { CanonicalRecord, FindingSink, RecordFindingCode, RecordTypeShape, SourceFile } from '../canonical-record';
import { buildRecord } from '../field-values';
import { streamXmlEvents, XmlNotWellFormed } from '../xml/xml-events';
import { typeOfNamespace } from './canonical-xml.namespace';

interface OpenRecord {
  id: string | null;
  index: number;
  values: Map<string, string[]>;
  issuers: Map<string, string | null>;
  attachments: string[];
}

/**
 * Our canonical XML (docs/delivery/): `<records>` with `<record id>` children whose child elements
 * are the type's fields by name. Streamed: records are handed out as each 1 MiB chunk completes them.
 */
export async function* readCanonicalXml(file: SourceFile, type: RecordTypeShape, _options: unknown, findings: FindingSink): AsyncGenerator<CanonicalRecord> {
  const fieldNames = new Set(type.fields.map((f) => f.name));
  const ready: CanonicalRecord[] = [];
  let current: OpenRecord | null = null;
  let value: { field: string; text: string } | null = null;
  let count = 0;
  let rootOk = false;
  const events = streamXmlEvents(file.path, {
    open(tag, path) {
      const depth = path.length;
      if (depth === 1) {
        const ns = typeOfNamespace(tag.ns);
        if (tag.name !== 'records' || !ns) throw new WrongRoot('the root element must be records in a urn:samarkiv:records:<type>:<version> namespace');
        if (ns.typeId !== type.id) throw new WrongRoot(`the file holds ${ns.typeId} records, not ${type.id}`);
        rootOk = true;
      } else if (depth === 2 && tag.name === 'record') {
        current = { id: tag.attrs.id?.trim() || null, index: ++count, values: new Map(), issuers: new Map(), attachments: [] };
      } else if (depth === 3 && current) {
        if (tag.name === 'attachment') {
          if (tag.attrs.path) current.attachments.push(tag.attrs.path);
        } else if (fieldNames.has(tag.name)) {
          value = { field: tag.name, text: '' };
          if (tag.attrs.issuer !== undefined) current.issuers.set(tag.name, tag.attrs.issuer.trim() || null);
        } else {
          findings.error(RecordFindingCode.UnknownField, `record ${current.index}: element ${tag.name} is not a field of ${type.id}`);
        }
      }
    },
    text(text) {
      if (value) value.text += text;
    },
    close(tag, path) {
      const depth = path.length;
      if (depth === 3 && value && current) {
        const list = current.values.get(value.field) ?? [];
        list.push(value.text);
        current.values.set(value.field, list);
        value = null;
      } else if (depth === 2 && current) {
        const rec: OpenRecord = current;
        current = null;
        if (!rec.id) {
          findings.error(RecordFindingCode.MissingField, `record ${rec.index}: the id attribute is missing`);
          return;
        }
        ready.push(buildRecord(type, { recordId: rec.id, sourceFile: file.logicalPath, values: rec.values, issuers: rec.issuers, attachments: rec.attachments, where: `record ${rec.id}` }, findings));
      }
    },
  });
  try {
    for await (const _ of events) {
      yield* ready.splice(0);
    }
  } catch (err) {
    if (err instanceof WrongRoot) {
      findings.error(RecordFindingCode.WrongInformationType, err.message);
      return;
    }
    if (err instanceof XmlNotWellFormed) {
      findings.error(RecordFindingCode.NotWellFormed, `the file is not well-formed XML: ${err.message}`);
      return;
    }
    throw err;
  }
  if (!rootOk) findings.error(RecordFindingCode.UnexpectedRoot, 'the file has no root element');
}

class WrongRoot extends Error {}
