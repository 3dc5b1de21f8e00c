import { PatternToken } from '../pattern/pattern-token';
import { CompiledByteSequence, CompiledSignature } from '../signature/compiled-signature';

/**
 * Builds the smallest file a signature describes (every gap at its minimum), the way
 * "skeleton" test corpora are made, so the matcher can be checked against every signature.
 */
export function synthesize(sig: CompiledSignature): Buffer | null {
  const bof = sig.sequences.filter((s) => s.ref === 'bof');
  const eof = sig.sequences.filter((s) => s.ref === 'eof');
  const vars = sig.sequences.filter((s) => s.ref === 'var');
  // Two EOF sequences could overlap; such signatures are left out.
  if (eof.length > 1) return null;
  const parts: number[][] = [];
  if (bof.length > 0) {
    const head = layoutBof(bof);
    if (!head) return null;
    parts.push(head);
  }
  for (const v of vars) parts.push([0x20], forwardBytes(v));
  if (eof[0]) parts.push([0x20], backwardBytes(eof[0]));
  return Buffer.from(parts.flat());
}

/** Several BOF sequences are laid out one after another when their offset windows allow it. */
function layoutBof(seqs: CompiledByteSequence[]): number[] | null {
  let out: number[] = [];
  for (const seq of seqs) {
    const first = seq.subs[0];
    const start = Math.max(out.length, first.minOffset);
    if (first.maxOffset >= 0 && start > first.maxOffset) return null;
    const bytes = forwardBytes({ ...seq, subs: [{ ...first, minOffset: 0 }, ...seq.subs.slice(1)] });
    out = [...out, ...fill(start - out.length), ...bytes];
  }
  return out;
}

function forwardBytes(seq: CompiledByteSequence): number[] {
  const out: number[] = [];
  for (const sub of seq.subs) {
    out.push(...fill(sub.minOffset), ...emit(sub.left), ...sub.anchor, ...emit(sub.right));
  }
  return out;
}

/** EOF subsequences are stored nearest-the-end first. */
function backwardBytes(seq: CompiledByteSequence): number[] {
  let out: number[] = [];
  for (const sub of seq.subs) out = [...emit(sub.left), ...sub.anchor, ...emit(sub.right), ...fill(sub.minOffset), ...out];
  return out;
}

function fill(n: number): number[] {
  return new Array<number>(n).fill(0x20);
}

function emit(tokens: PatternToken[]): number[] {
  const out: number[] = [];
  for (const t of tokens) {
    switch (t.t) {
      case 'b':
        out.push(...t.v);
        break;
      case 'r':
        out.push(...(t.neg ? outside(t.lo, t.hi) : t.lo));
        break;
      case 'n':
        out.push(...t.v.map((b, i) => (i === 0 ? b ^ 0xff : b)));
        break;
      case 'm':
        out.push(t.neg ? 0 : t.v);
        break;
      case 'g':
        out.push(...fill(t.min));
        break;
      case 'a':
        out.push(...emit(t.options[0]));
        break;
    }
  }
  return out;
}

function outside(lo: number[], hi: number[]): number[] {
  if (lo[0] > 0) return [lo[0] - 1, ...lo.slice(1)];
  return [Math.min(255, hi[0] + 1), ...hi.slice(1)];
}
