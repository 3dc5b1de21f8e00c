import { createHash, randomBytes } from 'node:crypto';
import { ThreadedHasher } from './threaded-hash';

describe('ThreadedHasher', () => {
  it('gives the same digests as hashing on the main thread, whatever the chunking and buffer reuse', async () => {
    const data = randomBytes(80 * 1024 * 1024 + 123);
    const hasher = new ThreadedHasher(['SHA-256', 'MD5']);
    const scratch = Buffer.alloc(1024 * 1024);
    for (let off = 0; off < data.length; off += scratch.length) {
      const n = data.copy(scratch, 0, off, Math.min(data.length, off + scratch.length));
      await hasher.update(scratch.subarray(0, n));
      scratch.fill(0);
    }
    expect(await hasher.digest()).toEqual({
      size: data.length,
      digests: { 'SHA-256': createHash('sha256').update(data).digest('hex'), MD5: createHash('md5').update(data).digest('hex') },
    });
  });

  it('digests nothing as the empty input', async () => {
    expect((await new ThreadedHasher(['SHA-256']).digest()).digests['SHA-256']).toBe(createHash('sha256').digest('hex'));
  });
});
