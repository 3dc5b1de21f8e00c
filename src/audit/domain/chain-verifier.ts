import { AuditEntry } from './audit-entry';
import { bodyOf, chainHash, GENESIS_HASH } from './canonical';

export type BreakKind = 'altered' | 'missing' | 'reordered' | 'truncated' | 'anchor-mismatch' | 'unanchored-start';

/** The first entry where a chain stops being what it claims; never carries entry content. */
export interface ChainBreak {
  kind: BreakKind;
  /** The seq where the chain breaks (for "missing": the first seq that is absent). */
  seq: number;
  time: string | null;
  message: string;
}

export interface Anchor {
  seq: number;
  hash: string;
}

type ChainRow = Pick<AuditEntry, 'seq' | 'time' | 'prevHash' | 'hash'> & Parameters<typeof bodyOf>[0];

/**
 * Walks one chain in seq order and stops at the first break: an entry whose content no longer
 * matches its hash (altered), a seq gap (removed), or a broken link to its predecessor
 * (reordered, or relinked after a removal). Anchors confirm the hashes at their seq.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private started = false;
  checked = 0;
  broken: ChainBreak | null = null;

  constructor(
    /** seq → hash of the anchors of this chain. */
    private readonly anchors: Map<number, string>,
    /** Verifying from a date: the first entry's link is trusted unless an anchor covers it. */
    private readonly trustFirstLink = false,
  ) {}

  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  get lastHash(): string {
    return this.prevHash;
  }

  /** Continues after entries checked elsewhere (another range of the same chain). */
  resume(lastSeq: number, lastHash: string, checked: number): void {
    this.started = true;
    this.expectedSeq = lastSeq + 1;
    this.prevHash = lastHash;
    this.checked = checked;
  }

  /** Returns false once the chain is broken (further rows are not looked at). */
  check(row: ChainRow): boolean {
    if (this.broken) return false;
    const time = row.time.toISOString();
    if (!this.started) {
      this.started = true;
      this.expectedSeq = row.seq;
      const anchored = this.anchors.get(row.seq - 1);
      if (anchored !== undefined) this.prevHash = anchored;
      else if (this.trustFirstLink) this.prevHash = row.prevHash;
      else if (row.seq !== 1) {
        // The oldest entries are gone: only an anchor of the entry just before may vouch for the start.
        return this.fail('unanchored-start', row.seq, time, `chain starts at seq ${row.seq} without an anchor for seq ${row.seq - 1} (entries removed?)`);
      }
    }
    if (row.seq > this.expectedSeq) {
      return this.fail('missing', this.expectedSeq, null, `entries ${this.expectedSeq}..${row.seq - 1} are missing (removed) before the entry at ${time}`);
    }
    if (row.seq < this.expectedSeq) {
      return this.fail('reordered', row.seq, time, `seq ${row.seq} appears again after seq ${this.expectedSeq - 1} (duplicated or reordered)`);
    }
    const recomputed = chainHash(row.prevHash, row.seq, time, bodyOf(row));
    if (row.prevHash !== this.prevHash) {
      return this.fail('reordered', row.seq, time, `seq ${row.seq} does not link to its predecessor (reordered or relinked)`);
    }
    if (recomputed !== row.hash) {
      return this.fail('altered', row.seq, time, `seq ${row.seq} does not match its hash (changed)`);
    }
    const anchored = this.anchors.get(row.seq);
    if (anchored !== undefined && anchored !== row.hash) {
      return this.fail('anchor-mismatch', row.seq, time, `seq ${row.seq} differs from its anchor (chain rewritten)`);
    }
    this.prevHash = row.hash;
    this.expectedSeq++;
    this.checked++;
    return true;
  }

  /** After the last row: the head must be where the chain-head row says, else entries were cut off the end. */
  finish(head: { seq: number; hash: string } | null): ChainBreak | null {
    if (this.broken || !head) return this.broken;
    if (!this.started && (this.trustFirstLink || this.anchors.get(head.seq) === head.hash)) return null;
    if (this.lastSeq < head.seq) {
      this.fail('truncated', this.lastSeq + 1, null, `entries ${this.lastSeq + 1}..${head.seq} are missing at the end of the chain`);
    } else if (this.lastSeq > head.seq) {
      this.fail('anchor-mismatch', head.seq + 1, null, `entries after seq ${head.seq} are beyond the recorded chain head (written outside audit_append)`);
    } else if (this.lastSeq === head.seq && this.prevHash !== head.hash) {
      this.fail('anchor-mismatch', head.seq, null, `the last entry differs from the recorded chain head`);
    }
    return this.broken;
  }

  private fail(kind: BreakKind, seq: number, time: string | null, message: string): false {
    this.broken = { kind, seq, time, message };
    return false;
  }
}
