/**
 * One unit of a PRONOM byte pattern. Kept as plain JSON-friendly data so that a compiled
 * signature file can be cached on disk and loaded without re-parsing the XML.
 */
export type PatternToken =
  /** Literal bytes. */
  | { t: 'b'; v: number[] }
  /** Inclusive lexicographic range over `lo.length` bytes (`[30:39]`, `['a'-'z']`); `neg` inverts. */
  | { t: 'r'; lo: number[]; hi: number[]; neg: boolean }
  /** `[!xx…]`: any bytes except this exact sequence. */
  | { t: 'n'; v: number[] }
  /** `[&xx]`: a byte with all the mask bits set (`[~xx]`, `any`: at least one); `neg` inverts. */
  | { t: 'm'; v: number; neg: boolean; any?: boolean }
  /** `{min-max}`, `??`, `*`: skip between min and max bytes; max -1 means unbounded. */
  | { t: 'g'; min: number; max: number }
  /** `(a|b|…)`: one of several sub-patterns, possibly of different lengths. */
  | { t: 'a'; options: PatternToken[][] };

/** Number of bytes a token always consumes (gaps and alternatives: their minimum). */
export function tokenMinLength(token: PatternToken): number {
  switch (token.t) {
    case 'b':
    case 'n':
      return token.v.length;
    case 'r':
      return token.lo.length;
    case 'm':
      return 1;
    case 'g':
      return token.min;
    case 'a':
      return Math.min(...token.options.map(patternMinLength));
  }
}

/** Largest number of bytes a token can consume, or -1 when unbounded. */
export function tokenMaxLength(token: PatternToken): number {
  switch (token.t) {
    case 'g':
      return token.max;
    case 'a': {
      const lens = token.options.map(patternMaxLength);
      return lens.includes(-1) ? -1 : Math.max(...lens);
    }
    default:
      return tokenMinLength(token);
  }
}

export function patternMinLength(tokens: PatternToken[]): number {
  return tokens.reduce((sum, t) => sum + tokenMinLength(t), 0);
}

export function patternMaxLength(tokens: PatternToken[]): number {
  let sum = 0;
  for (const t of tokens) {
    const n = tokenMaxLength(t);
    if (n < 0) return -1;
    sum += n;
  }
  return sum;
}
