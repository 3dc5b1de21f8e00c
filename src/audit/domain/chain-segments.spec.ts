import { joinSegments, SegmentResult } from './chain-segments';

const seg = (firstSeq: number, prevHash: string, lastSeq: number, hash: string, broken: SegmentResult['broken'] = null): SegmentResult => ({
  checked: lastSeq - firstSeq + 1,
  broken,
  first: { seq: firstSeq, prevHash, time: 't' },
  last: { seq: lastSeq, hash },
});

describe('joinSegments', () => {
  it('joins ranges that follow each other and link up', () => {
    expect(joinSegments([seg(1, '0', 10, 'a'), seg(11, 'a', 20, 'b'), { checked: 0, broken: null, first: null, last: null }])).toEqual({ checked: 20, broken: null, last: { seq: 20, hash: 'b' } });
  });

  it('finds a gap or a broken link at a border, and keeps the first break in seq order', () => {
    expect(joinSegments([seg(1, '0', 10, 'a'), seg(13, 'a', 20, 'b')]).broken).toMatchObject({ kind: 'missing', seq: 11 });
    expect(joinSegments([seg(1, '0', 10, 'a'), seg(11, 'x', 20, 'b')]).broken).toMatchObject({ kind: 'reordered', seq: 11 });
    const inner = { kind: 'altered' as const, seq: 5, time: null, message: 'm' };
    expect(joinSegments([seg(1, '0', 4, 'a', inner), seg(11, 'x', 20, 'b')]).broken).toBe(inner);
  });
});
