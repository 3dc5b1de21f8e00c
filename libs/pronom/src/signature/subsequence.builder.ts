import { mergeLiterals } from '../pattern/pattern-syntax.parser';
import { PatternToken, patternMaxLength, patternMinLength } from '../pattern/pattern-token';
import { CompiledSubsequence } from './compiled-signature';

export interface RawFragment {
  position: number;
  minOffset: number;
  maxOffset: number;
  tokens: PatternToken[];
}

/**
 * Fragments sharing a Position are alternatives (that is how DROID compiles `(a|b)`); a left
 * fragment's offsets are the gap to its right neighbour, a right fragment's the gap to its left.
 */
export function buildSubsequence(
  sequence: PatternToken[],
  leftFragments: RawFragment[],
  rightFragments: RawFragment[],
  minOffset: number,
  maxOffset: number,
): CompiledSubsequence {
  const left: PatternToken[] = [];
  for (const group of groupByPosition(leftFragments).reverse()) {
    left.push(...alternativeOf(group), { t: 'g', min: group[0].minOffset, max: group[0].maxOffset });
  }
  const right: PatternToken[] = [];
  for (const group of groupByPosition(rightFragments)) {
    right.push({ t: 'g', min: group[0].minOffset, max: group[0].maxOffset }, ...alternativeOf(group));
  }
  return splitAtAnchor([...left, ...sequence, ...right], minOffset, maxOffset);
}

/** Picks the longest literal run as the anchor searched for; the rest becomes left/right patterns. */
export function splitAtAnchor(all: PatternToken[], minOffset: number, maxOffset: number): CompiledSubsequence {
  const tokens = mergeLiterals(all.filter((t) => !(t.t === 'g' && t.min === 0 && t.max === 0)));
  let best = -1;
  tokens.forEach((t, i) => {
    if (t.t === 'b' && (best < 0 || t.v.length > (tokens[best] as { v: number[] }).v.length)) best = i;
  });
  const anchor = best < 0 ? [] : (tokens[best] as { v: number[] }).v;
  const left = best < 0 ? [] : tokens.slice(0, best);
  const right = best < 0 ? tokens : tokens.slice(best + 1);
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

function groupByPosition(fragments: RawFragment[]): RawFragment[][] {
  const byPos = new Map<number, RawFragment[]>();
  for (const f of fragments) byPos.set(f.position, [...(byPos.get(f.position) ?? []), f]);
  return [...byPos.keys()].sort((a, b) => a - b).map((p) => byPos.get(p) as RawFragment[]);
}

function alternativeOf(group: RawFragment[]): PatternToken[] {
  if (group.length === 1) return group[0].tokens;
  return [{ t: 'a', options: group.map((f) => f.tokens) }];
}

/** Bytes from the anchor point a byte sequence needs, or -1 when it searches without bound. */
export function sequenceReach(subs: CompiledSubsequence[]): number {
  let total = 0;
  for (const s of subs) {
    if (s.maxOffset < 0 || s.leftMax < 0 || s.rightMax < 0) return -1;
    total += s.maxOffset + s.leftMax + s.anchor.length + s.rightMax;
  }
  return total;
}
