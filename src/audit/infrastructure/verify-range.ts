import { SegmentResult } from '../domain/chain-segments';
import { ChainVerifier } from '../domain/chain-verifier';
import { AuditEntry } from '../domain/audit-entry';

/** Seq ranges of this size per query keep round trips rare and every query an index range scan. */
export const VERIFY_BATCH = 20_000;

export type RangeFetcher = (after: number, upTo: number, notBefore: Date | null) => Promise<AuditEntry[]>;

/**
 * Verifies seq range (after, upTo] of one chain, fetching the next batch while hashing this one.
 * Used in-process and by the verify worker threads.
 */
export async function verifyRange(fetch: RangeFetcher, anchors: Map<number, string>, after: number, upTo: number, trustFirstLink: boolean, from: Date | null): Promise<SegmentResult> {
  const verifier = new ChainVerifier(anchors, trustFirstLink);
  let first: SegmentResult['first'] = null;
  let notBefore = from;
  const next = (a: number) => (a < upTo ? fetch(a, Math.min(a + VERIFY_BATCH, upTo), notBefore) : Promise.resolve([]));
  let pending = next(after);
  for (let a = after; a < upTo; ) {
    const batch = await pending;
    a += VERIFY_BATCH;
    // Times never fall within a chain, so older partitions can be skipped from here on.
    if (batch.length > 0) notBefore = batch[batch.length - 1].time;
    pending = next(a);
    if (batch.length > 0 && !first) first = { seq: batch[0].seq, prevHash: batch[0].prevHash, time: batch[0].time.toISOString() };
    let ok = true;
    for (const row of batch) if (!(ok = verifier.check(row))) break;
    if (!ok) break;
  }
  await pending;
  return { checked: verifier.checked, broken: verifier.broken, first, last: verifier.checked > 0 ? { seq: verifier.lastSeq, hash: verifier.lastHash } : null };
}
