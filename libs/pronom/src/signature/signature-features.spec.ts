import { FormatIdentifier } from '../identify/format-identifier';
import { droidXml, TestFormat, writeTempSignatureFile } from '../testing/droid-xml';

async function identify(formats: TestFormat[], bytes: Buffer, name = 'sample') {
  const id = await FormatIdentifier.create({ signatureFile: writeTempSignatureFile(droidXml(formats)) });
  return id.identifyBuffer(bytes, bytes, bytes.length, name);
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const pad = (n: number, byte = 0x20) => Buffer.alloc(n, byte);
const one = (sequences: TestFormat['signatures']): TestFormat[] => [{ id: 1, puid: 'test/1', extensions: ['bin'], signatures: sequences }];

describe('DROID signature semantics', () => {
  describe('BOF anchor', () => {
    const formats = one([[{ ref: 'BOFoffset', subs: [{ seq: 'CAFEBABE', min: 0, max: 0 }] }]]);

    it('matches a sequence at offset 0', async () => {
      expect((await identify(formats, hex('CAFEBABE 0000'))).puid).toBe('test/1');
    });

    it('does not match the sequence elsewhere', async () => {
      expect((await identify(formats, hex('00 CAFEBABE'))).puid).toBeNull();
    });

    it('honours a min..max offset window', async () => {
      const ranged = one([[{ ref: 'BOFoffset', subs: [{ seq: 'CAFEBABE', min: 4, max: 8 }] }]]);
      expect((await identify(ranged, Buffer.concat([pad(6), hex('CAFEBABE')]))).puid).toBe('test/1');
      expect((await identify(ranged, Buffer.concat([pad(2), hex('CAFEBABE'), pad(8)]))).puid).toBeNull();
      expect((await identify(ranged, Buffer.concat([pad(10), hex('CAFEBABE')]))).puid).toBeNull();
    });

    it('searches without bound when SubSeqMaxOffset is absent', async () => {
      const open = one([[{ ref: 'BOFoffset', subs: [{ seq: 'CAFEBABE', min: 100 }] }]]);
      expect((await identify(open, Buffer.concat([pad(5000), hex('CAFEBABE')]))).puid).toBe('test/1');
      expect((await identify(open, Buffer.concat([pad(50), hex('CAFEBABE'), pad(60)]))).puid).toBeNull();
    });
  });

  describe('EOF anchor', () => {
    const formats = one([[{ ref: 'EOFoffset', subs: [{ seq: 'DEADBEEF', min: 0, max: 0 }] }]]);

    it('matches a sequence ending at end of file', async () => {
      expect((await identify(formats, Buffer.concat([pad(100), hex('DEADBEEF')]))).puid).toBe('test/1');
    });

    it('fails when bytes follow and the max offset is 0', async () => {
      expect((await identify(formats, Buffer.concat([pad(100), hex('DEADBEEF 00')]))).puid).toBeNull();
    });

    it('counts the offset back from the end', async () => {
      const ranged = one([[{ ref: 'EOFoffset', subs: [{ seq: 'DEADBEEF', min: 2, max: 4 }] }]]);
      expect((await identify(ranged, Buffer.concat([hex('DEADBEEF'), pad(3)]))).puid).toBe('test/1');
      expect((await identify(ranged, Buffer.concat([hex('DEADBEEF'), pad(1)]))).puid).toBeNull();
      expect((await identify(ranged, Buffer.concat([hex('DEADBEEF'), pad(5)]))).puid).toBeNull();
    });
  });

  describe('Variable anchor', () => {
    const formats = one([[{ subs: [{ seq: '5A5A5A5A' }] }]]);

    it('finds the sequence anywhere in the file', async () => {
      expect((await identify(formats, Buffer.concat([pad(7000), hex('5A5A5A5A'), pad(3000)]))).puid).toBe('test/1');
      expect((await identify(formats, pad(10000))).puid).toBeNull();
    });
  });

  describe('subsequences', () => {
    const formats = one([[{ ref: 'BOFoffset', subs: [{ seq: 'AAAA', min: 0, max: 0 }, { seq: 'BBBB', min: 2, max: 4 }] }]]);

    it('match in order, each offset counted from the end of the previous one', async () => {
      expect((await identify(formats, hex('AAAA 0000 BBBB'))).puid).toBe('test/1');
      expect((await identify(formats, hex('AAAA 00000000 BBBB'))).puid).toBe('test/1');
    });

    it('fail when the gap is outside the window or the order is wrong', async () => {
      expect((await identify(formats, hex('AAAA BBBB'))).puid).toBeNull();
      expect((await identify(formats, hex('AAAA 000000000000 BBBB'))).puid).toBeNull();
      expect((await identify(formats, hex('BBBB 0000 AAAA'))).puid).toBeNull();
    });

    it('must all match, across BOF and EOF byte sequences', async () => {
      const both = one([
        [
          { ref: 'BOFoffset', subs: [{ seq: 'AAAA', min: 0, max: 0 }] },
          { ref: 'EOFoffset', subs: [{ seq: 'EEEE', min: 0, max: 0 }] },
        ],
      ]);
      expect((await identify(both, hex('AAAA 00 EEEE'))).puid).toBe('test/1');
      expect((await identify(both, hex('AAAA 00 EEEF'))).puid).toBeNull();
    });
  });

  describe('fragments', () => {
    it('checks a left fragment with its gap to the sequence', async () => {
      const formats = one([
        [{ ref: 'BOFoffset', subs: [{ seq: 'CCCC', min: 0, max: 0, fragments: [{ side: 'Left', position: 1, min: 1, max: 2, hex: '11' }] }] }],
      ]);
      expect((await identify(formats, hex('11 00 CCCC'))).puid).toBe('test/1');
      expect((await identify(formats, hex('11 0000 CCCC'))).puid).toBe('test/1');
      expect((await identify(formats, hex('11 CCCC'))).puid).toBeNull();
      expect((await identify(formats, hex('11 000000 CCCC'))).puid).toBeNull();
    });

    it('checks right fragments in position order', async () => {
      const formats = one([
        [
          {
            ref: 'BOFoffset',
            subs: [
              {
                seq: 'CCCC',
                min: 0,
                max: 0,
                fragments: [
                  { side: 'Right', position: 1, min: 0, max: 0, hex: '22' },
                  { side: 'Right', position: 2, min: 0, max: 3, hex: '33' },
                ],
              },
            ],
          },
        ],
      ]);
      expect((await identify(formats, hex('CCCC 22 33'))).puid).toBe('test/1');
      expect((await identify(formats, hex('CCCC 22 000000 33'))).puid).toBe('test/1');
      expect((await identify(formats, hex('CCCC 33 22'))).puid).toBeNull();
    });

    it('treats fragments sharing a position as alternatives', async () => {
      const formats = one([
        [
          {
            ref: 'BOFoffset',
            subs: [
              {
                seq: 'CCCC',
                min: 0,
                max: 0,
                fragments: [
                  { side: 'Right', position: 1, min: 0, max: 0, hex: '2222' },
                  { side: 'Right', position: 1, min: 0, max: 0, hex: '333333' },
                ],
              },
            ],
          },
        ],
      ]);
      expect((await identify(formats, hex('CCCC 2222'))).puid).toBe('test/1');
      expect((await identify(formats, hex('CCCC 333333'))).puid).toBe('test/1');
      expect((await identify(formats, hex('CCCC 4444'))).puid).toBeNull();
    });

    it('applies ranges and negations inside fragments', async () => {
      const formats = one([
        [
          {
            ref: 'BOFoffset',
            subs: [
              {
                seq: 'CCCC',
                min: 0,
                max: 0,
                fragments: [
                  { side: 'Right', position: 1, min: 0, max: 0, hex: '[30:39]' },
                  { side: 'Right', position: 2, min: 0, max: 0, hex: '[!00]' },
                ],
              },
            ],
          },
        ],
      ]);
      expect((await identify(formats, Buffer.concat([hex('CCCC'), Buffer.from('7x')]))).puid).toBe('test/1');
      expect((await identify(formats, Buffer.concat([hex('CCCC'), Buffer.from('Ax')]))).puid).toBeNull();
      expect((await identify(formats, Buffer.concat([hex('CCCC'), Buffer.from('7\0')]))).puid).toBeNull();
    });

    it('places the BOF offset window on the leftmost fragment, as PRONOM compiles it', async () => {
      const formats = one([
        [{ ref: 'BOFoffset', subs: [{ seq: 'CCCC', min: 0, max: 0, fragments: [{ side: 'Left', position: 1, min: 0, max: 0, hex: '7B' }] }] }],
      ]);
      expect((await identify(formats, hex('7B CCCC'))).puid).toBe('test/1');
      expect((await identify(formats, hex('00 7B CCCC'))).puid).toBeNull();
    });
  });

  describe('wildcards, ranges and alternatives in the sequence itself', () => {
    it("matches PRONOM syntax: 'text', {n-m}, (a|b), [a:b], ??", async () => {
      const formats = one([[{ ref: 'BOFoffset', subs: [{ seq: "'AB' {2-3} ('X'|'YZ') [30:39] ?? 'E'", min: 0, max: 0 }] }]]);
      expect((await identify(formats, Buffer.from('AB..X5-E'))).puid).toBe('test/1');
      expect((await identify(formats, Buffer.from('AB...YZ0!E'))).puid).toBe('test/1');
      expect((await identify(formats, Buffer.from('AB.X5-E'))).puid).toBeNull();
      expect((await identify(formats, Buffer.from('AB..Q5-E'))).puid).toBeNull();
      expect((await identify(formats, Buffer.from('AB..XA-E'))).puid).toBeNull();
    });
  });

  describe('results', () => {
    const sig = [[{ ref: 'BOFoffset' as const, subs: [{ seq: 'ABCD', min: 0, max: 0 }] }]];

    it('drops a match another match has priority over', async () => {
      const r = await identify(
        [
          { id: 1, puid: 'test/generic', extensions: ['bin'], signatures: sig },
          { id: 2, puid: 'test/specific', extensions: ['bin'], signatures: sig, priorityOver: [1] },
        ],
        hex('ABCD'),
      );
      expect(r.puid).toBe('test/specific');
      expect(r.warnings).toEqual([]);
    });

    it('warns when several formats remain', async () => {
      const r = await identify(
        [
          { id: 1, puid: 'test/a', extensions: ['bin'], signatures: sig },
          { id: 2, puid: 'test/b', extensions: ['dat'], signatures: sig },
        ],
        hex('ABCD'),
        'x.dat',
      );
      expect(r.puid).toBe('test/b');
      expect(r.warnings.join()).toContain('several formats matched: test/a, test/b');
    });

    it('breaks a tie without extension help by the more specific signature', async () => {
      const longer = [[{ ref: 'BOFoffset' as const, subs: [{ seq: 'ABCDEF', min: 0, max: 0 }] }]];
      const r = await identify(
        [
          { id: 1, puid: 'test/short', extensions: ['bin'], signatures: sig },
          { id: 2, puid: 'test/long', extensions: ['bin'], signatures: longer },
        ],
        hex('ABCDEF'),
        'x.bin',
      );
      expect(r.puid).toBe('test/long');
      expect(r.warnings.join()).toContain('several formats matched');
    });

    it('falls back to the extension only when no signature matched', async () => {
      const formats = [
        { id: 1, puid: 'test/sig', extensions: ['foo'], signatures: sig },
        { id: 2, puid: 'test/ext', extensions: ['foo'] },
      ];
      const r = await identify(formats, hex('0000'), 'x.foo');
      expect(r).toMatchObject({ puid: 'test/ext', basis: 'extension' });
      expect((await identify(formats, hex('ABCD'), 'x.foo')).basis).toBe('signature');
    });

    it('warns on an extension mismatch', async () => {
      const r = await identify([{ id: 1, puid: 'test/sig', extensions: ['foo'], signatures: sig }], hex('ABCD'), 'x.bar');
      expect(r.puid).toBe('test/sig');
      expect(r.warnings.join()).toContain('extension mismatch: .bar');
    });

    it('reports none when nothing matches', async () => {
      const r = await identify([{ id: 1, puid: 'test/sig', extensions: ['foo'], signatures: sig }], hex('0000'), 'x.qqq');
      expect(r).toMatchObject({ puid: null, basis: 'none' });
    });
  });
});
