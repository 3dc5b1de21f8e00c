import { createHash, randomBytes } from 'node:crypto';
import { ThreadedHasher } from './threaded-hash';

describe('ThreadedHasher', () => {
  it('gives the same digests as hashing on the main thread, whatever the chunking and buffer reuse', async () => {
    // More than the shared ring holds, in chunks that do not divide its slots.
    const data = randomBytes(80 * 1024 * 1024 + 123);
    const hasher = new ThreadedHasher(['SHA-256', 'SHA-512', 'MD5']);
    try {
      const scratch = Buffer.alloc(1000 * 1000);
      for (let off = 0; off < data.length; off += scratch.length) {
        const n = data.copy(scratch, 0, off, Math.min(data.length, off + scratch.length));
        await hasher.update(scratch.subarray(0, n));
        scratch.fill(0);
      }
      expect(await hasher.digest()).toEqual({
        size: data.length,
        digests: {
          'SHA-256': createHash('sha256').update(data).digest('hex'),
          'SHA-512': createHash('sha512').update(data).digest('hex'),
          MD5: createHash('md5').update(data).digest('hex'),
        },
      });
    } finally {
      await hasher.close();
    }
  });

  it('starts over after each digest, so one set of threads serves several files', async () => {
    const hasher = new ThreadedHasher(['SHA-256']);
    try {
      const first = randomBytes(9 * 1024 * 1024);
      const second = randomBytes(3);
      await hasher.update(first);
      expect(await hasher.digest()).toEqual({ size: first.length, digests: { 'SHA-256': createHash('sha256').update(first).digest('hex') } });
      await hasher.update(second);
      expect(await hasher.digest()).toEqual({ size: 3, digests: { 'SHA-256': createHash('sha256').update(second).digest('hex') } });
    } finally {
      await hasher.close();
    }
  });

  it('digests nothing as the empty input', async () => {
    const hasher = new ThreadedHasher(['SHA-256']);
    try {
      expect((await hasher.digest()).digests['SHA-256']).toBe(createHash('sha256').digest('hex'));
    } finally {
      await hasher.close();
    }
  });
});
