import { matchBackward, matchForward } from '../pattern/pattern.matcher';
import { CompiledByteSequence, CompiledSignature, CompiledSubsequence } from './compiled-signature';

/**
 * The bytes available for matching: `bof` starts at file offset 0, `eof` ends at the end of
 * the file. When the whole file was read both are the same buffer.
 */
export interface ScanWindow {
  bof: Buffer;
  eof: Buffer;
}

interface Span {
  start: number;
  end: number;
}

/** A direct comparison beats `indexOf` for the many signatures with a fixed offset. */
const SHORT_WINDOW = 16;

const anchors = new WeakMap<CompiledSubsequence, Buffer>();

function anchorOf(sub: CompiledSubsequence): Buffer {
  let buf = anchors.get(sub);
  if (!buf) {
    buf = Buffer.from(sub.anchor);
    anchors.set(sub, buf);
  }
  return buf;
}

function literalAt(buf: Buffer, anchor: Buffer, at: number): boolean {
  if (at < 0 || at + anchor.length > buf.length) return false;
  for (let i = 0; i < anchor.length; i++) if (buf[at + i] !== anchor[i]) return false;
  return true;
}

/** Finds the subsequence whose start lies in [from+min, from+max], earliest anchor first. */
export function matchSubsequenceForward(sub: CompiledSubsequence, buf: Buffer, from: number): Span | null {
  const winLo = from + sub.minOffset;
  const winHi = sub.maxOffset < 0 ? buf.length : Math.min(buf.length, from + sub.maxOffset);
  if (winLo > buf.length) return null;
  if (sub.anchor.length === 0) {
    for (let s = winLo; s <= winHi; s++) {
      const end = matchForward(sub.right, buf, s);
      if (end >= 0) return { start: s, end };
    }
    return null;
  }
  const anchor = anchorOf(sub);
  const lo = winLo + sub.leftMin;
  const hi = Math.min(sub.leftMax < 0 ? buf.length : winHi + sub.leftMax, buf.length - anchor.length);
  const inWindow = (s: number) => s >= winLo && s <= winHi;
  const tryAt = (a: number): Span | null => {
    const start = sub.left.length === 0 ? a : matchBackward(sub.left, buf, a, inWindow);
    if (start < 0) return null;
    const end = matchForward(sub.right, buf, a + anchor.length);
    return end < 0 ? null : { start, end };
  };
  if (hi - lo < SHORT_WINDOW) {
    for (let a = lo; a <= hi; a++) {
      if (!literalAt(buf, anchor, a)) continue;
      const span = tryAt(a);
      if (span) return span;
    }
    return null;
  }
  const scope = hi + anchor.length >= buf.length ? buf : buf.subarray(0, hi + anchor.length);
  for (let a = scope.indexOf(anchor, lo); a >= 0 && a <= hi; a = scope.indexOf(anchor, a + 1)) {
    const span = tryAt(a);
    if (span) return span;
  }
  return null;
}

/** Finds the subsequence whose end lies in [from-max, from-min], latest anchor first. */
export function matchSubsequenceBackward(sub: CompiledSubsequence, buf: Buffer, from: number): Span | null {
  const endHi = from - sub.minOffset;
  const endLo = sub.maxOffset < 0 ? 0 : Math.max(0, from - sub.maxOffset);
  if (endHi < 0) return null;
  const inWindow = (e: number) => e >= endLo && e <= endHi;
  if (sub.anchor.length === 0) {
    for (let e = endHi; e >= endLo; e--) {
      const start = matchBackward(sub.right, buf, e);
      if (start >= 0) return { start, end: e };
    }
    return null;
  }
  const anchor = anchorOf(sub);
  const hi = Math.min(endHi - sub.rightMin - anchor.length, buf.length - anchor.length);
  const lo = Math.max(0, sub.rightMax < 0 ? 0 : endLo - sub.rightMax - anchor.length);
  const tryAt = (a: number): Span | null => {
    const end = matchForward(sub.right, buf, a + anchor.length, inWindow);
    if (end < 0) return null;
    const start = matchBackward(sub.left, buf, a);
    return start < 0 ? null : { start, end };
  };
  if (hi - lo < SHORT_WINDOW) {
    for (let a = hi; a >= lo; a--) {
      if (!literalAt(buf, anchor, a)) continue;
      const span = tryAt(a);
      if (span) return span;
    }
    return null;
  }
  for (let a = buf.lastIndexOf(anchor, hi); a >= lo; a = a === 0 ? -1 : buf.lastIndexOf(anchor, a - 1)) {
    const span = tryAt(a);
    if (span) return span;
  }
  return null;
}

/** All subsequences must match in order, each counted from where the previous one stopped. */
export function matchByteSequence(seq: CompiledByteSequence, win: ScanWindow): boolean {
  if (seq.ref === 'eof') {
    let from = win.eof.length;
    for (const sub of seq.subs) {
      const span = matchSubsequenceBackward(sub, win.eof, from);
      if (!span) return false;
      from = span.start;
    }
    return true;
  }
  if (matchForwardFrom(seq, win.bof)) return true;
  // A Variable sequence may sit anywhere, so the tail window is searched too.
  return seq.ref === 'var' && win.eof !== win.bof && matchForwardFrom(seq, win.eof);
}

function matchForwardFrom(seq: CompiledByteSequence, buf: Buffer): boolean {
  let from = 0;
  for (const sub of seq.subs) {
    const span = matchSubsequenceForward(sub, buf, from);
    if (!span) return false;
    from = span.end;
  }
  return true;
}

export function matchSignature(sig: CompiledSignature, win: ScanWindow): boolean {
  for (const seq of sig.sequences) if (!matchByteSequence(seq, win)) return false;
  return sig.sequences.length > 0;
}
