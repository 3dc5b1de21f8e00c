import {
  COMPILED_FORMAT_VERSION,
  CompiledContainerSignature,
  CompiledContainerSignatureFile,
  CompiledSignatureFile,
  ContainerType,
  FormatInfo,
} from './compiled-signature';
import { attr, child, children, compileInternalSignature, parseSignatureXml, text } from './signature-xml.parser';

/** Compiles a `DROID_SignatureFile_V*.xml` (any version) into the matcher's data. */
export function compileSignatureFile(xml: string | Buffer): CompiledSignatureFile {
  const root = child(parseSignatureXml(xml), 'FFSignatureFile');
  if (!root) throw new Error('not a DROID signature file (no FFSignatureFile element)');
  const signatures = children(child(root, 'InternalSignatureCollection'), 'InternalSignature').map(compileInternalSignature);
  const formats: FormatInfo[] = children(child(root, 'FileFormatCollection'), 'FileFormat').map((f) => ({
    id: Number(attr(f, 'ID')),
    puid: attr(f, 'PUID') ?? '',
    name: attr(f, 'Name') ?? '',
    version: attr(f, 'Version') ?? '',
    mime: attr(f, 'MIMEType') ?? '',
    extensions: children(f, 'Extension').map((e) => text(e).toLowerCase()),
    signatureIds: children(f, 'InternalSignatureID').map((e) => Number(text(e))),
    priorityOver: children(f, 'HasPriorityOverFileFormatID').map((e) => Number(text(e))),
  }));
  return { formatVersion: COMPILED_FORMAT_VERSION, sourceVersion: attr(root, 'Version') ?? '', formats, signatures };
}

/** Compiles a `container-signature-*.xml`. */
export function compileContainerSignatureFile(xml: string | Buffer): CompiledContainerSignatureFile {
  const root = child(parseSignatureXml(xml), 'ContainerSignatureMapping');
  if (!root) throw new Error('not a DROID container signature file (no ContainerSignatureMapping element)');
  const puidsBySignature = new Map<number, string[]>();
  for (const m of children(child(root, 'FileFormatMappings'), 'FileFormatMapping')) {
    const id = Number(attr(m, 'signatureId'));
    puidsBySignature.set(id, [...(puidsBySignature.get(id) ?? []), attr(m, 'Puid') ?? '']);
  }
  const signatures: CompiledContainerSignature[] = children(child(root, 'ContainerSignatures'), 'ContainerSignature').map((cs) => {
    const id = Number(attr(cs, 'Id'));
    return {
      id,
      type: (attr(cs, 'ContainerType') ?? 'ZIP') as ContainerType,
      description: text(child(cs, 'Description')),
      files: children(child(cs, 'Files'), 'File').map((f) => ({
        path: text(child(f, 'Path')),
        signatures: children(child(child(f, 'BinarySignatures'), 'InternalSignatureCollection'), 'InternalSignature').map(
          compileInternalSignature,
        ),
      })),
      puids: puidsBySignature.get(id) ?? [],
    };
  });
  const triggers: Record<string, ContainerType> = {};
  for (const t of children(child(root, 'TriggerPuids'), 'TriggerPuid')) {
    triggers[attr(t, 'Puid') ?? ''] = (attr(t, 'ContainerType') ?? 'ZIP') as ContainerType;
  }
  return { formatVersion: COMPILED_FORMAT_VERSION, sourceVersion: attr(root, 'signatureVersion') ?? '', signatures, triggers };
}
