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

/**
 * Finds the subsequence whose start (left fragments included) lies in [from+min, from+max],
 * earliest anchor first, and returns where it ends, or -1.
 */
export function matchSubsequenceForward(sub: CompiledSubsequence, buf: Buffer, from: number): number {
  const winLo = from + sub.minOffset;
  const winHi = sub.maxOffset < 0 ? buf.length : Math.min(buf.length, from + sub.maxOffset);
  if (winLo > buf.length) return -1;
  if (sub.anchor.length === 0) {
    for (let s = winLo; s <= winHi; s++) {
      const end = matchForward(sub.right, buf, s);
      if (end >= 0) return end;
    }
    return -1;
  }
  const anchor = anchorOf(sub);
  const lo = winLo + sub.leftMin;
  const hi = Math.min(sub.leftMax < 0 ? buf.length : winHi + sub.leftMax, buf.length - anchor.length);
  const scan = hi - lo >= SHORT_WINDOW;
  const scope = !scan || hi + anchor.length >= buf.length ? buf : buf.subarray(0, hi + anchor.length);
  let a = scan ? scope.indexOf(anchor, lo) : lo;
  while (a >= 0 && a <= hi) {
    if (scan || literalAt(buf, anchor, a)) {
      const startOk = sub.left.length === 0 || matchBackward(sub.left, buf, a, winLo, winHi) >= 0;
      const end = startOk ? matchForward(sub.right, buf, a + anchor.length) : -1;
      if (end >= 0) return end;
    }
    a = scan ? scope.indexOf(anchor, a + 1) : a + 1;
  }
  return -1;
}

/**
 * Finds the subsequence whose end lies in [from-max, from-min], latest anchor first, and
 * returns where it starts, or -1.
 */
export function matchSubsequenceBackward(sub: CompiledSubsequence, buf: Buffer, from: number): number {
  const endHi = from - sub.minOffset;
  const endLo = sub.maxOffset < 0 ? 0 : Math.max(0, from - sub.maxOffset);
  if (endHi < 0) return -1;
  if (sub.anchor.length === 0) {
    for (let e = endHi; e >= endLo; e--) {
      const start = matchBackward(sub.right, buf, e);
      if (start >= 0) return start;
    }
    return -1;
  }
  const anchor = anchorOf(sub);
  const hi = Math.min(endHi - sub.rightMin - anchor.length, buf.length - anchor.length);
  const lo = Math.max(0, sub.rightMax < 0 ? 0 : endLo - sub.rightMax - anchor.length);
  const scan = hi - lo >= SHORT_WINDOW;
  let a = scan ? buf.lastIndexOf(anchor, hi) : hi;
  while (a >= lo) {
    if (scan || literalAt(buf, anchor, a)) {
      const endOk = matchForward(sub.right, buf, a + anchor.length, endLo, endHi) >= 0;
      const start = endOk ? matchBackward(sub.left, buf, a) : -1;
      if (start >= 0) return start;
    }
    a = !scan ? a - 1 : a === 0 ? -1 : buf.lastIndexOf(anchor, a - 1);
  }
  return -1;
}

/** All subsequences must match in order, each counted from where the previous one stopped. */
export function matchByteSequence(seq: CompiledByteSequence, win: ScanWindow): boolean {
  if (seq.ref === 'eof') {
    let from = win.eof.length;
    for (const sub of seq.subs) {
      from = matchSubsequenceBackward(sub, win.eof, from);
      if (from < 0) return false;
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
    from = matchSubsequenceForward(sub, buf, from);
    if (from < 0) return false;
  }
  return true;
}

export function matchSignature(sig: CompiledSignature, win: ScanWindow): boolean {
  for (const seq of sig.sequences) if (!matchByteSequence(seq, win)) return false;
  return sig.sequences.length > 0;
}
