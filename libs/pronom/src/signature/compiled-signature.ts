import { PatternToken } from '../pattern/pattern-token';

/** Where a byte sequence's offsets count from (DROID `Reference`; absent means Variable). */
export type SequenceAnchor = 'bof' | 'eof' | 'var';

/**
 * A DROID SubSequence, flattened: the fixed `anchor` bytes searched for quickly, and the
 * patterns to its left and right (fragments with their gaps). Offsets bound where the whole
 * subsequence (left fragments included) starts (BOF) or ends (EOF), counted from the anchor
 * point or the previous subsequence; `maxOffset` -1 means unbounded.
 */
export interface CompiledSubsequence {
  anchor: number[];
  left: PatternToken[];
  right: PatternToken[];
  minOffset: number;
  maxOffset: number;
  leftMin: number;
  leftMax: number;
  rightMin: number;
  rightMax: number;
}

/** Subsequences are stored in matching order: left to right for BOF/Variable, right to left for EOF. */
export interface CompiledByteSequence {
  ref: SequenceAnchor;
  subs: CompiledSubsequence[];
}

export interface CompiledSignature {
  id: number;
  sequences: CompiledByteSequence[];
}

export interface FormatInfo {
  id: number;
  puid: string;
  name: string;
  version: string;
  mime: string;
  extensions: string[];
  signatureIds: number[];
  /** Format IDs this one wins over when both match (`HasPriorityOverFileFormatID`). */
  priorityOver: number[];
}

export interface CompiledSignatureFile {
  /** Bumped when the compiled shape changes, so stale caches are ignored. */
  formatVersion: number;
  sourceVersion: string;
  formats: FormatInfo[];
  signatures: CompiledSignature[];
}

export type ContainerType = 'ZIP' | 'OLE2';

export interface CompiledContainerFile {
  path: string;
  /** Any signature (all its byte sequences) must match the entry; empty means presence is enough. */
  signatures: CompiledSignature[];
}

export interface CompiledContainerSignature {
  id: number;
  type: ContainerType;
  description: string;
  files: CompiledContainerFile[];
  puids: string[];
}

export interface CompiledContainerSignatureFile {
  formatVersion: number;
  sourceVersion: string;
  signatures: CompiledContainerSignature[];
  /** Outer PUID → container type whose signatures it triggers. */
  triggers: Record<string, ContainerType>;
}

export const COMPILED_FORMAT_VERSION = 1;
