import { PatternToken } from './pattern-token';

/** Accepts or refuses a candidate end (forward) or start (backward) position. */
export type PositionCheck = (pos: number) => boolean;

const always: PositionCheck = () => true;

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
    case 'm':
      return ((buf[pos] & token.v) === token.v) !== token.neg;
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

/**
 * Matches `tokens[i..]` left to right starting at `pos`, backtracking over gaps and
 * alternatives; returns the end of the first match whose end `accept` allows, or -1.
 */
export function matchForward(
  tokens: PatternToken[],
  buf: Uint8Array,
  pos: number,
  accept: PositionCheck = always,
  i = 0,
): number {
  if (i === tokens.length) return accept(pos) ? pos : -1;
  const token = tokens[i];
  if (token.t === 'g') {
    const room = buf.length - pos;
    const max = token.max < 0 ? room : Math.min(token.max, room);
    const next = tokens[i + 1];
    if (next?.t === 'b' && buf instanceof Buffer) {
      // Jump straight to the next literal instead of trying every gap length.
      const lit = Buffer.from(next.v);
      let at = buf.indexOf(lit, pos + token.min);
      while (at >= 0 && at - pos <= max) {
        const end = matchForward(tokens, buf, at + lit.length, accept, i + 2);
        if (end >= 0) return end;
        at = buf.indexOf(lit, at + 1);
      }
      return -1;
    }
    for (let k = token.min; k <= max; k++) {
      const end = matchForward(tokens, buf, pos + k, accept, i + 1);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (token.t === 'a') {
    const rest = tokens.slice(i + 1);
    for (const option of token.options) {
      const end = matchForward([...option, ...rest], buf, pos, accept);
      if (end >= 0) return end;
    }
    return -1;
  }
  const len = fixedLength(token);
  if (pos + len > buf.length || !fixedMatches(token, buf, pos)) return -1;
  return matchForward(tokens, buf, pos + len, accept, i + 1);
}

/**
 * Matches `tokens[..i]` right to left so that the last token ends at `end`; returns the
 * start of the first match whose start `accept` allows, or -1.
 */
export function matchBackward(
  tokens: PatternToken[],
  buf: Uint8Array,
  end: number,
  accept: PositionCheck = always,
  i = tokens.length - 1,
): number {
  if (i < 0) return accept(end) ? end : -1;
  const token = tokens[i];
  if (token.t === 'g') {
    const max = token.max < 0 ? end : Math.min(token.max, end);
    for (let k = token.min; k <= max; k++) {
      const start = matchBackward(tokens, buf, end - k, accept, i - 1);
      if (start >= 0) return start;
    }
    return -1;
  }
  if (token.t === 'a') {
    const head = tokens.slice(0, i);
    for (const option of token.options) {
      const joined = [...head, ...option];
      const start = matchBackward(joined, buf, end, accept, joined.length - 1);
      if (start >= 0) return start;
    }
    return -1;
  }
  const len = fixedLength(token);
  const start = end - len;
  if (start < 0 || start + len > buf.length || !fixedMatches(token, buf, start)) return -1;
  return matchBackward(tokens, buf, start, accept, i - 1);
}
