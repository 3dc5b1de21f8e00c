import { patternMaxLength, patternMinLength, PatternToken } from '../pattern/pattern-token';
import { COMPILED_FORMAT_VERSION, CompiledSignature, CompiledSignatureFile, CompiledSubsequence, FormatInfo, SequenceAnchor } from './compiled-signature';

/**
 * The on-disk cache form of a compiled signature file: positional arrays instead of keyed
 * objects, derived lengths left out. JSON.parse dominates a cache load, and this halves it.
 */
type PackedFormat = [number, string, string, string, string, string[], number[], number[]];
type PackedSub = [number[], PatternToken[], PatternToken[], number, number];
type PackedSignature = [number, [SequenceAnchor, PackedSub[]][]];

interface PackedFile {
  formatVersion: number;
  sourceVersion: string;
  formats: PackedFormat[];
  signatures: PackedSignature[];
}

export function packSignatureFile(file: CompiledSignatureFile): string {
  const packed: PackedFile = {
    formatVersion: file.formatVersion,
    sourceVersion: file.sourceVersion,
    formats: file.formats.map((f) => [f.id, f.puid, f.name, f.version, f.mime, f.extensions, f.signatureIds, f.priorityOver]),
    signatures: file.signatures.map((s) => [
      s.id,
      s.sequences.map((q) => [q.ref, q.subs.map((u): PackedSub => [u.anchor, u.left, u.right, u.minOffset, u.maxOffset])]),
    ]),
  };
  return JSON.stringify(packed);
}

export function unpackSignatureFile(text: string): CompiledSignatureFile | undefined {
  const packed = JSON.parse(text) as PackedFile;
  if (packed.formatVersion !== COMPILED_FORMAT_VERSION || !Array.isArray(packed.formats?.[0])) return undefined;
  const formats: FormatInfo[] = packed.formats.map(([id, puid, name, version, mime, extensions, signatureIds, priorityOver]) => ({
    id,
    puid,
    name,
    version,
    mime,
    extensions,
    signatureIds,
    priorityOver,
  }));
  const signatures: CompiledSignature[] = packed.signatures.map(([id, seqs]) => ({
    id,
    sequences: seqs.map(([ref, subs]) => ({ ref, subs: subs.map(unpackSub) })),
  }));
  return { formatVersion: packed.formatVersion, sourceVersion: packed.sourceVersion, formats, signatures };
}

function unpackSub([anchor, left, right, minOffset, maxOffset]: PackedSub): CompiledSubsequence {
  return {
    anchor,
    left,
    right,
    minOffset,
    maxOffset,
    leftMin: patternMinLength(left),
    leftMax: patternMaxLength(left),
    rightMin: patternMinLength(right),
    rightMax: patternMaxLength(right),
  };
}

export const SIGNATURE_FILE_CODEC = { pack: packSignatureFile, unpack: unpackSignatureFile };
