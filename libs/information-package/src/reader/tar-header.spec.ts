import { decodePaxRecords, decodeTarHeader } from './tar-header';

/** A ustar/GNU header block with a valid checksum. */
function headerBlock(fields: (block: Buffer) => void): Buffer {
  const block = Buffer.alloc(512);
  fields(block);
  block.write('        ', 148, 'latin1');
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

describe('TAR headers', () => {
  it('decodes GNU base-256 sizes (files from 8 GiB on)', () => {
    const block = headerBlock((b) => {
      b.write('pkg/huge.bin', 0, 'latin1');
      b.write('ustar  \0', 257, 'latin1');
      b[156] = '0'.charCodeAt(0);
      b[124] = 0x80;
      b.writeUIntBE(10 * 1024 ** 3, 130, 6);
    });
    expect(decodeTarHeader(block)).toEqual({ name: 'pkg/huge.bin', type: 'file', size: 10 * 1024 ** 3, linkname: null });
  });

  it('joins the ustar prefix, reads old-style folders, and ends at an all-zero block', () => {
    const block = headerBlock((b) => {
      b.write('sub/', 0, 'latin1');
      b.write('ustar\0' + '00', 257, 'latin1');
      b.write('pkg/deep', 345, 'latin1');
      b.write('0000000', 124, 'latin1');
      b[156] = '0'.charCodeAt(0);
    });
    expect(decodeTarHeader(block)).toEqual({ name: 'pkg/deep/sub/', type: 'directory', size: 0, linkname: null });
    expect(decodeTarHeader(Buffer.alloc(512))).toBeNull();
  });

  it('refuses a wrong checksum and an unknown format', () => {
    const block = headerBlock((b) => {
      b.write('pkg/a', 0, 'latin1');
      b.write('ustar\0' + '00', 257, 'latin1');
    });
    const damaged = Buffer.from(block);
    damaged[0] ^= 1;
    expect(() => decodeTarHeader(damaged)).toThrow(/checksum/);
    const unknown = headerBlock((b) => b.write('pkg/a', 0, 'latin1'));
    expect(() => decodeTarHeader(unknown)).toThrow(/neither ustar nor GNU/);
  });

  it('reads pax records, UTF-8 values included, up to the first malformed one', () => {
    const record = (text: string) => {
      const body = ` ${text}\n`;
      let length = Buffer.byteLength(body) + 1;
      while (String(length).length + Buffer.byteLength(body) !== length) length++;
      return `${length}${body}`;
    };
    const data = Buffer.from(record('path=pkg/Röntgen å.txt') + record('size=12') + 'garbage');
    expect(decodePaxRecords(data)).toEqual({ path: 'pkg/Röntgen å.txt', size: '12' });
  });
});
