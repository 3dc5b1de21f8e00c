import { AuditEntry } from './audit-entry';
import { bodyOf, chainHash, GENESIS_HASH } from './canonical';
import { sampleBody } from './audit-body.fixture';
import { ChainVerifier } from './chain-verifier';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body = sampleBody({ recordIds: [`r${seq}`] });
    const time = new Date(Date.UTC(2026, 10, 1, 8, 0, seq));
    const hash = chainHash(prev, seq, time, bodyOf(body));
    out.push({ ...body, seq, time, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function run(rows: AuditEntry[], head: { seq: number; hash: string } | null, anchors = new Map<number, string>(), trustFirst = false) {
  const v = new ChainVerifier(anchors, trustFirst);
  for (const r of rows) if (!v.check(r)) break;
  return v.finish(head);
}

const headOf = (rows: AuditEntry[]) => ({ seq: rows[rows.length - 1].seq, hash: rows[rows.length - 1].hash });

describe('ChainVerifier', () => {
  it('accepts an intact chain', () => {
    const rows = chain(5);
    expect(run(rows, headOf(rows))).toBeNull();
  });

  it('names a changed entry', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], actorId: 'someone-else' };
    expect(run(rows, headOf(rows))).toMatchObject({ kind: 'altered', seq: 3 });
  });

  it('names the first missing seq when an entry is removed', () => {
    const rows = chain(5);
    expect(run([...rows.slice(0, 2), ...rows.slice(3)], headOf(rows))).toMatchObject({ kind: 'missing', seq: 3 });
  });

  it('finds two entries that swapped places', () => {
    const rows = chain(5);
    const swapped = [rows[0], { ...rows[2], seq: 2 }, { ...rows[1], seq: 3 }, rows[3], rows[4]];
    expect(run(swapped, headOf(rows))).toMatchObject({ kind: 'reordered', seq: 2 });
  });

  it('finds entries cut off the end against the head', () => {
    const rows = chain(5);
    expect(run(rows.slice(0, 3), headOf(rows))).toMatchObject({ kind: 'truncated', seq: 4 });
  });

  it('starts after dropped entries only from an anchor', () => {
    const rows = chain(6);
    expect(run(rows.slice(3), headOf(rows))).toMatchObject({ kind: 'unanchored-start', seq: 4 });
    expect(run(rows.slice(3), headOf(rows), new Map([[3, rows[2].hash]]))).toBeNull();
    expect(run(rows.slice(3), headOf(rows), new Map([[3, 'f'.repeat(64)]]))).toMatchObject({ kind: 'reordered', seq: 4 });
  });

  it('trusts the first link when verifying from a date, but still checks anchors', () => {
    const rows = chain(6);
    expect(run(rows.slice(2), headOf(rows), new Map(), true)).toBeNull();
    expect(run(rows, headOf(rows), new Map([[4, 'e'.repeat(64)]]))).toMatchObject({ kind: 'anchor-mismatch', seq: 4 });
  });

  it('accepts a chain whose entries were all dropped when the head is anchored', () => {
    const rows = chain(3);
    expect(run([], headOf(rows), new Map([[3, rows[2].hash]]))).toBeNull();
    expect(run([], headOf(rows))).toMatchObject({ kind: 'truncated', seq: 1 });
  });
});
