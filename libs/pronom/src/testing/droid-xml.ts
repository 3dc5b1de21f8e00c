import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test helper: writes a small DROID signature file in the real file's shape. */
export interface TestFragment {
  side: 'Left' | 'Right';
  position: number;
  min: number;
  max: number;
  hex: string;
}

export interface TestSubsequence {
  seq: string;
  min?: number;
  max?: number;
  fragments?: TestFragment[];
}

export interface TestByteSequence {
  ref?: 'BOFoffset' | 'EOFoffset';
  subs: TestSubsequence[];
}

export interface TestFormat {
  id: number;
  puid: string;
  name?: string;
  extensions?: string[];
  signatures?: TestByteSequence[][];
  priorityOver?: number[];
}

export function droidXml(formats: TestFormat[]): string {
  let sigId = 1;
  const sigXml: string[] = [];
  const formatXml = formats.map((f) => {
    const ids = (f.signatures ?? []).map((seqs) => {
      const id = sigId++;
      sigXml.push(`<InternalSignature ID="${id}" Specificity="Specific">${seqs.map(byteSequenceXml).join('')}</InternalSignature>`);
      return id;
    });
    return (
      `<FileFormat ID="${f.id}" Name="${f.name ?? f.puid}" PUID="${f.puid}" MIMEType="application/x-test">` +
      ids.map((i) => `<InternalSignatureID>${i}</InternalSignatureID>`).join('') +
      (f.extensions ?? []).map((e) => `<Extension>${e}</Extension>`).join('') +
      (f.priorityOver ?? []).map((p) => `<HasPriorityOverFileFormatID>${p}</HasPriorityOverFileFormatID>`).join('') +
      '</FileFormat>'
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<FFSignatureFile DateCreated="2026-01-01T00:00:00" Version="1" xmlns="http://www.nationalarchives.gov.uk/pronom/SignatureFile">' +
    `<InternalSignatureCollection>${sigXml.join('')}</InternalSignatureCollection>` +
    `<FileFormatCollection>${formatXml.join('')}</FileFormatCollection></FFSignatureFile>`
  );
}

function byteSequenceXml(bs: TestByteSequence): string {
  const ref = bs.ref ? ` Reference="${bs.ref}"` : '';
  const subs = bs.subs.map((s, i) => {
    const max = s.max === undefined ? '' : ` SubSeqMaxOffset="${s.max}"`;
    const frags = (s.fragments ?? [])
      .map((f) => `<${f.side}Fragment MaxOffset="${f.max}" MinOffset="${f.min}" Position="${f.position}">${f.hex}</${f.side}Fragment>`)
      .join('');
    return `<SubSequence MinFragLength="0" Position="${i + 1}"${max} SubSeqMinOffset="${s.min ?? 0}"><Sequence>${s.seq}</Sequence><DefaultShift>1</DefaultShift>${frags}</SubSequence>`;
  });
  return `<ByteSequence${ref}>${subs.join('')}</ByteSequence>`;
}

export function writeTempSignatureFile(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pronom-test-'));
  const path = join(dir, 'DROID_SignatureFile_VTEST.xml');
  writeFileSync(path, xml);
  return path;
}
