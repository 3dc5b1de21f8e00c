import { ChainBreak } from './chain-verifier';

/** What verifying one seq range of a chain found (each range trusts its own first link). */
export interface SegmentResult {
  checked: number;
  broken: ChainBreak | null;
  first: { seq: number; prevHash: string; time: string } | null;
  last: { seq: number; hash: string } | null;
}

/**
 * Joins ranges verified in parallel: at every border the next range must start right after the
 * previous one ended and link to its last hash. Returns the first break in seq order.
 */
export function joinSegments(segments: SegmentResult[]): { checked: number; broken: ChainBreak | null; last: { seq: number; hash: string } | null } {
  let last: SegmentResult['last'] = null;
  let checked = 0;
  for (const seg of segments) {
    if (seg.first && last) {
      if (seg.first.seq > last.seq + 1) {
        return { checked, last, broken: { kind: 'missing', seq: last.seq + 1, time: null, message: `entries ${last.seq + 1}..${seg.first.seq - 1} are missing (removed) before the entry at ${seg.first.time}` } };
      }
      if (seg.first.prevHash !== last.hash) {
        return { checked, last, broken: { kind: 'reordered', seq: seg.first.seq, time: seg.first.time, message: `seq ${seg.first.seq} does not link to its predecessor (reordered or relinked)` } };
      }
    }
    checked += seg.checked;
    if (seg.broken) return { checked, last, broken: seg.broken };
    if (seg.last) last = seg.last;
  }
  return { checked, last, broken: null };
}
