import { PatternToken } from './pattern-token';

/** True when a fixed-length token matches at `pos`; the caller has checked the bounds. */
function fixedMatches(token: PatternToken, buf: Uint8Array, pos: number): boolean {
  switch (token.t) {
    case 'b': {
      const v = token.v;
      for (let i = 0; i < v.length; i++) if (buf[pos + i] !== v[i]) return false;
      return true;
    }
    case 'r': {
      const inside = compareAt(buf, pos, token.lo) >= 0 && compareAt(buf, pos, token.hi) <= 0;
      return inside !== token.neg;
    }
    case 'n': {
      const v = token.v;
      for (let i = 0; i < v.length; i++) if (buf[pos + i] !== v[i]) return true;
      return false;
    }
    case 'm': {
      const bits = buf[pos] & token.v;
      return (token.any ? bits !== 0 : bits === token.v) !== token.neg;
    }
    default:
      return false;
  }
}

function compareAt(buf: Uint8Array, pos: number, bound: number[]): number {
  for (let i = 0; i < bound.length; i++) {
    const d = buf[pos + i] - bound[i];
    if (d !== 0) return d;
  }
  return 0;
}

function fixedLength(token: PatternToken): number {
  return token.t === 'r' ? token.lo.length : token.t === 'm' ? 1 : (token as { v: number[] }).v.length;
}

const literals = new WeakMap<PatternToken, Buffer>();

function literalBuffer(token: { t: 'b'; v: number[] }): Buffer {
  let buf = literals.get(token);
  if (!buf) {
    buf = Buffer.from(token.v);
    literals.set(token, buf);
  }
  return buf;
}

const edgeSets = new WeakMap<PatternToken, { first: Uint8Array | null; last: Uint8Array | null }>();

/**
 * The bytes a token can start (or end) with, or null when any byte can. Gap loops test the
 * byte next to each candidate position against it before recursing, which prunes almost all
 * attempts of patterns like `(a|b|c) {0-128} 0A`.
 */
function edgeSet(token: PatternToken | undefined, side: 'first' | 'last'): Uint8Array | null {
  if (!token) return null;
  let sets = edgeSets.get(token);
  if (!sets) {
    sets = { first: computeEdge(token, 'first'), last: computeEdge(token, 'last') };
    edgeSets.set(token, sets);
  }
  return sets[side];
}

function computeEdge(token: PatternToken, side: 'first' | 'last'): Uint8Array | null {
  const set = new Uint8Array(256);
  switch (token.t) {
    case 'b':
      if (token.v.length === 0) return null;
      set[side === 'first' ? token.v[0] : token.v[token.v.length - 1]] = 1;
      return set;
    case 'r':
      if (token.lo.length !== 1) return null;
      for (let b = 0; b < 256; b++) if ((b >= token.lo[0] && b <= token.hi[0]) !== token.neg) set[b] = 1;
      return set;
    case 'a':
      for (const option of token.options) {
        const edge = edgeSet(side === 'first' ? option[0] : option[option.length - 1], side);
        if (!edge) return null;
        for (let b = 0; b < 256; b++) set[b] |= edge[b];
      }
      return set;
    default:
      return null;
  }
}

type Continuation = ((pos: number) => number) | null;

/**
 * Matches `tokens` left to right from `pos`, backtracking over gaps and alternatives; returns
 * the end of the first match that ends within [lo, hi], or -1.
 */
export function matchForward(tokens: PatternToken[], buf: Uint8Array, pos: number, lo = 0, hi = Number.MAX_SAFE_INTEGER): number {
  return forward(tokens, 0, buf, pos, lo, hi, null);
}

/**
 * Matches `tokens` right to left so that the last token ends at `end`; returns the start of
 * the first match that starts within [lo, hi], or -1.
 */
export function matchBackward(tokens: PatternToken[], buf: Uint8Array, end: number, lo = 0, hi = Number.MAX_SAFE_INTEGER): number {
  return backward(tokens, tokens.length - 1, buf, end, lo, hi, null);
}

/** `k` continues after an alternative's option; without one the bounds decide. */
function forward(tokens: PatternToken[], i: number, buf: Uint8Array, pos: number, lo: number, hi: number, k: Continuation): number {
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.t === 'g') {
      const room = buf.length - pos;
      const max = token.max < 0 ? room : Math.min(token.max, room);
      const next = tokens[i + 1];
      if (next?.t === 'b' && buf instanceof Buffer) {
        // Jump straight to the next literal instead of trying every gap length.
        const lit = literalBuffer(next);
        for (let at = buf.indexOf(lit, pos + token.min); at >= 0 && at - pos <= max; at = buf.indexOf(lit, at + 1)) {
          const end = forward(tokens, i + 2, buf, at + lit.length, lo, hi, k);
          if (end >= 0) return end;
        }
        return -1;
      }
      const nextFirst = edgeSet(next, 'first');
      for (let n = token.min; n <= max; n++) {
        if (nextFirst && nextFirst[buf[pos + n]] !== 1) continue;
        const end = forward(tokens, i + 1, buf, pos + n, lo, hi, k);
        if (end >= 0) return end;
      }
      return -1;
    }
    if (token.t === 'a') {
      const rest: Continuation = (p) => forward(tokens, i + 1, buf, p, lo, hi, k);
      for (const option of token.options) {
        const end = forward(option, 0, buf, pos, lo, hi, rest);
        if (end >= 0) return end;
      }
      return -1;
    }
    const len = fixedLength(token);
    if (pos + len > buf.length || !fixedMatches(token, buf, pos)) return -1;
    pos += len;
  }
  if (k) return k(pos);
  return pos >= lo && pos <= hi ? pos : -1;
}

function backward(tokens: PatternToken[], i: number, buf: Uint8Array, end: number, lo: number, hi: number, k: Continuation): number {
  for (; i >= 0; i--) {
    const token = tokens[i];
    if (token.t === 'g') {
      const max = token.max < 0 ? end : Math.min(token.max, end);
      const prevLast = edgeSet(tokens[i - 1], 'last');
      for (let n = token.min; n <= max; n++) {
        if (prevLast && (end - n < 1 || prevLast[buf[end - n - 1]] !== 1)) continue;
        const start = backward(tokens, i - 1, buf, end - n, lo, hi, k);
        if (start >= 0) return start;
      }
      return -1;
    }
    if (token.t === 'a') {
      const rest: Continuation = (p) => backward(tokens, i - 1, buf, p, lo, hi, k);
      for (const option of token.options) {
        const start = backward(option, option.length - 1, buf, end, lo, hi, rest);
        if (start >= 0) return start;
      }
      return -1;
    }
    const len = fixedLength(token);
    const start = end - len;
    if (start < 0 || end > buf.length || !fixedMatches(token, buf, start)) return -1;
    end = start;
  }
  if (k) return k(end);
  return end >= lo && end <= hi ? end : -1;
}
