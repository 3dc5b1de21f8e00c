import { ReadLimits } from '../identify/identification';
import { matchSignature, ScanWindow } from './byte-sequence.matcher';
import { CompiledByteSequence, CompiledSignature, CompiledSignatureFile, FormatInfo } from './compiled-signature';
import { sequenceReach } from './subsequence.builder';

/** Bytes to read at each end of a file so every signature can be decided. */
export interface WindowSizes {
  bof: number;
  eof: number;
}

/** A loaded signature file ready to match: formats indexed, signatures ordered cheap-first. */
export class SignatureSet {
  readonly windows: WindowSizes;
  private readonly formatsById = new Map<number, FormatInfo>();
  private readonly formatsByPuid = new Map<string, FormatInfo>();
  private readonly formatsByExtension = new Map<string, FormatInfo[]>();
  private readonly formatsBySignature = new Map<number, FormatInfo[]>();
  private readonly signatures: CompiledSignature[];
  private readonly index: SignatureIndex;
  private readonly pairs = new Uint32Array(65536);
  private stamp = 0;

  constructor(
    readonly source: CompiledSignatureFile,
    limits: ReadLimits,
  ) {
    for (const f of source.formats) {
      this.formatsById.set(f.id, f);
      if (!this.formatsByPuid.has(f.puid)) this.formatsByPuid.set(f.puid, f);
      for (const ext of f.extensions) this.formatsByExtension.set(ext, [...(this.formatsByExtension.get(ext) ?? []), f]);
      for (const id of f.signatureIds) this.formatsBySignature.set(id, [...(this.formatsBySignature.get(id) ?? []), f]);
    }
    // Signatures no format refers to can never contribute a result.
    this.signatures = source.signatures.filter((s) => this.formatsBySignature.has(s.id)).sort((a, b) => cost(a) - cost(b));
    // All sequences must match, so the cheapest to refute goes first.
    for (const sig of this.signatures) sig.sequences.sort((a, b) => sequenceCost(a) - sequenceCost(b));
    this.windows = windowSizes(this.signatures, limits);
    this.index = indexSignatures(this.signatures);
  }

  get version(): string {
    return this.source.sourceVersion;
  }

  byPuid(puid: string): FormatInfo | undefined {
    return this.formatsByPuid.get(puid);
  }

  byExtension(ext: string): FormatInfo[] {
    return this.formatsByExtension.get(ext.toLowerCase()) ?? [];
  }

  /**
   * Every format with a matching internal signature, before priorities are applied. `scores`
   * receives, per format ID, the literal byte count of its most specific matching signature.
   */
  matchAll(win: ScanWindow, scores: Map<number, number> = new Map()): FormatInfo[] {
    const found: FormatInfo[] = [];
    for (const probe of this.index.probes) {
      const buf = probe.ref === 'bof' ? win.bof : win.eof;
      const at = probe.ref === 'bof' ? probe.offset : buf.length - probe.offset;
      if (at < 0 || at >= buf.length) continue;
      const candidates = probe.byByte.get(buf[at]);
      if (candidates) for (const sig of candidates) this.test(sig, win, found, scores);
    }
    const pairs = this.pairsIn(win);
    for (const entry of this.index.rest) {
      if (entry.pair >= 0 && pairs[entry.pair] !== this.stamp) continue;
      this.test(entry.sig, win, found, scores);
    }
    return found;
  }

  /** Marks every two-byte pair present in the window, stamped so the table is never cleared. */
  private pairsIn(win: ScanWindow): Uint32Array {
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    const stamp = this.stamp;
    const pairs = this.pairs;
    for (const buf of win.eof === win.bof ? [win.bof] : [win.bof, win.eof]) {
      for (let i = 0; i + 1 < buf.length; i++) pairs[(buf[i] << 8) | buf[i + 1]] = stamp;
    }
    return pairs;
  }

  private test(sig: CompiledSignature, win: ScanWindow, found: FormatInfo[], scores: Map<number, number>): void {
    if (!matchSignature(sig, win)) return;
    const score = specificity(sig);
    for (const f of this.formatsBySignature.get(sig.id) as FormatInfo[]) {
      if (!found.includes(f)) found.push(f);
      scores.set(f.id, Math.max(scores.get(f.id) ?? 0, score));
    }
  }

  /** DROID's rule: a match is dropped when another match declares priority over it. */
  resolvePriority(formats: FormatInfo[]): FormatInfo[] {
    const ids = new Set(formats.map((f) => f.id));
    const beaten = new Set<number>();
    for (const f of formats) for (const lower of f.priorityOver) if (ids.has(lower) && lower !== f.id) beaten.add(lower);
    return formats.filter((f) => !beaten.has(f.id));
  }
}

/** Fixed-offset BOF signatures are cheapest; unbounded searches go last. */
function cost(sig: CompiledSignature): number {
  let c = 0;
  for (const seq of sig.sequences) {
    const reach = sequenceReach(seq.subs);
    c += reach < 0 ? 1_000_000 : reach + (seq.ref === 'eof' ? 10 : 0);
  }
  return c;
}

/** Candidate anchor positions a sequence's first subsequence may have to try. */
function sequenceCost(seq: CompiledByteSequence): number {
  const sub = seq.subs[0];
  if (!sub) return 0;
  const window = sub.maxOffset < 0 ? 1e9 : sub.maxOffset - sub.minOffset;
  const slack = seq.ref === 'eof' ? sub.rightMax - sub.rightMin : sub.leftMax - sub.leftMin;
  return (window + (slack < 0 ? 1e9 : slack) + 1) / Math.max(1, sub.anchor.length);
}

function windowSizes(signatures: CompiledSignature[], limits: ReadLimits): WindowSizes {
  let bof = 0;
  let eof = 0;
  for (const sig of signatures) {
    for (const seq of sig.sequences) {
      const reach = sequenceReach(seq.subs);
      const need = reach < 0 ? limits.maxScanBytes : Math.min(reach, limits.maxWindowBytes);
      if (seq.ref === 'eof') eof = Math.max(eof, need);
      else bof = Math.max(bof, need);
      if (seq.ref === 'var') eof = Math.max(eof, need);
    }
  }
  return { bof, eof };
}

/** Signatures whose first byte sits at a fixed position, grouped by that position and byte. */
interface Probe {
  ref: 'bof' | 'eof';
  /** From the start (BOF) or back from the end (EOF) of the window. */
  offset: number;
  byByte: Map<number, CompiledSignature[]>;
}

interface SignatureIndex {
  probes: Probe[];
  /** With the two-byte pair one of its anchors starts with, which the window must contain (-1: none). */
  rest: { sig: CompiledSignature; pair: number }[];
}

/**
 * Most signatures begin with bytes at a fixed offset; one byte lookup per offset rules out
 * nearly all of them, so only a few are matched in full for each file.
 */
function indexSignatures(signatures: CompiledSignature[]): SignatureIndex {
  const probes = new Map<string, Probe>();
  const rest: SignatureIndex['rest'] = [];
  for (const sig of signatures) {
    const fixed = sig.sequences.map(fixedFirstByte).find((f) => f !== null);
    if (!fixed) {
      rest.push({ sig, pair: anchorPair(sig) });
      continue;
    }
    const key = `${fixed.ref}:${fixed.offset}`;
    let probe = probes.get(key);
    if (!probe) {
      probe = { ref: fixed.ref, offset: fixed.offset, byByte: new Map() };
      probes.set(key, probe);
    }
    const list = probe.byByte.get(fixed.byte) ?? [];
    list.push(sig);
    probe.byByte.set(fixed.byte, list);
  }
  return { probes: [...probes.values()], rest };
}

function fixedFirstByte(seq: CompiledByteSequence): { ref: 'bof' | 'eof'; offset: number; byte: number } | null {
  const sub = seq.subs[0];
  if (!sub || sub.anchor.length === 0 || sub.minOffset !== sub.maxOffset) return null;
  if (seq.ref === 'bof' && sub.leftMin === sub.leftMax) return { ref: 'bof', offset: sub.minOffset + sub.leftMin, byte: sub.anchor[0] };
  if (seq.ref === 'eof' && sub.rightMin === sub.rightMax) {
    return { ref: 'eof', offset: sub.minOffset + sub.rightMin + sub.anchor.length, byte: sub.anchor[0] };
  }
  return null;
}

/** Every anchor must occur for a signature to match; the longest one's first pair is the most selective. */
function anchorPair(sig: CompiledSignature): number {
  let best: number[] = [];
  for (const seq of sig.sequences) for (const sub of seq.subs) if (sub.anchor.length > best.length) best = sub.anchor;
  return best.length >= 2 ? (best[0] << 8) | best[1] : -1;
}

const specificities = new WeakMap<CompiledSignature, number>();

/** Literal bytes a signature pins down: the tie-breaker when several formats remain. */
function specificity(sig: CompiledSignature): number {
  let n = specificities.get(sig);
  if (n === undefined) {
    n = 0;
    for (const seq of sig.sequences) {
      for (const sub of seq.subs) {
        n += sub.anchor.length;
        for (const t of [...sub.left, ...sub.right]) if (t.t === 'b') n += t.v.length;
      }
    }
    specificities.set(sig, n);
  }
  return n;
}
