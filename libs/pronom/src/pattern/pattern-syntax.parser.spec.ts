import { parsePattern } from './pattern-syntax.parser';
import { matchBackward, matchForward } from './pattern.matcher';

describe('parsePattern', () => {
  it('reads hex with spaces and quoted text as one literal', () => {
    expect(parsePattern("10 00 'Ab'")).toEqual([{ t: 'b', v: [0x10, 0x00, 0x41, 0x62] }]);
  });

  it('reads gaps: ??, {n}, {n-m}, {n-*}, *', () => {
    expect(parsePattern('AA ?? {3} {2-5} {4-*} * BB')).toEqual([{ t: 'b', v: [0xaa] }, { t: 'g', min: 10, max: -1 }, { t: 'b', v: [0xbb] }]);
    expect(parsePattern('AA {2-5} BB')[1]).toEqual({ t: 'g', min: 2, max: 5 });
  });

  it('reads ranges in hex and quoted form, negation and masks', () => {
    expect(parsePattern('[30:39]')).toEqual([{ t: 'r', lo: [0x30], hi: [0x39], neg: false }]);
    expect(parsePattern("['6'-'7']")).toEqual([{ t: 'r', lo: [0x36], hi: [0x37], neg: false }]);
    expect(parsePattern('[!00]')).toEqual([{ t: 'n', v: [0] }]);
    expect(parsePattern('[!30:39]')).toEqual([{ t: 'r', lo: [0x30], hi: [0x39], neg: true }]);
    expect(parsePattern('[&01]')).toEqual([{ t: 'm', v: 1, neg: false }]);
    expect(parsePattern('[!~C0]')).toEqual([{ t: 'm', v: 0xc0, neg: true, any: true }]);
  });

  it('reads alternatives of different lengths, including empty', () => {
    expect(parsePattern('(AA|BBCC|)')).toEqual([{ t: 'a', options: [[{ t: 'b', v: [0xaa] }], [{ t: 'b', v: [0xbb, 0xcc] }], []] }]);
  });

  it('rejects malformed patterns', () => {
    expect(() => parsePattern('AA [30:39')).toThrow();
    expect(() => parsePattern('(AA|BB')).toThrow();
    expect(() => parsePattern('A')).toThrow();
  });
});

describe('pattern matching', () => {
  const buf = Buffer.from('xxAB123--Ezz');
  const tokens = parsePattern("'AB' [30:39] {1-3} '-' 'E'");

  it('matches forward with backtracking over gaps', () => {
    expect(matchForward(tokens, buf, 2)).toBe(10);
    expect(matchForward(tokens, buf, 1)).toBe(-1);
  });

  it('matches backward to the start', () => {
    expect(matchBackward(tokens, buf, 10)).toBe(2);
    expect(matchBackward(tokens, buf, 11)).toBe(-1);
  });

  it('applies all-bits and any-bit masks', () => {
    expect(matchForward(parsePattern('[&81]'), Buffer.from([0x83]), 0)).toBe(1);
    expect(matchForward(parsePattern('[&81]'), Buffer.from([0x80]), 0)).toBe(-1);
    expect(matchForward(parsePattern('[~81]'), Buffer.from([0x80]), 0)).toBe(1);
    expect(matchForward(parsePattern('[!~81]'), Buffer.from([0x80]), 0)).toBe(-1);
  });

  it('honours bounds on the end position', () => {
    const t = parsePattern("'A' {0-5} 'B'");
    const b = Buffer.from('A.B..B');
    expect(matchForward(t, b, 0)).toBe(3);
    expect(matchForward(t, b, 0, 6, 6)).toBe(6);
  });
});
