import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { UploadFileStore } from './upload-file-store';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('UploadFileStore', () => {
  let dir: string;
  const id = 'upload.bin';
  const data = randomBytes(300_000);
  const [a, b, c] = [data.subarray(0, 100_000), data.subarray(100_000, 250_000), data.subarray(250_000)];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hashing-store-'));
    writeFileSync(join(dir, id), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const store = () => new UploadFileStore({ directory: dir });
  const chunks = (buf: Buffer) => Readable.from([buf.subarray(0, 1000), buf.subarray(1000)]);

  it('knows the SHA-256 of an upload that arrived in several requests to this process', async () => {
    const s = store();
    expect(await s.write(chunks(a), id, 0)).toBe(a.length);
    expect(await s.write(chunks(b), id, a.length)).toBe(a.length + b.length);
    expect(await s.write(chunks(c), id, a.length + b.length)).toBe(data.length);
    expect(readFileSync(join(dir, id)).equals(data)).toBe(true);
    expect(s.takeDigest(id, data.length)).toBe(sha256(data));
    // Asked once: the state is gone afterwards.
    expect(s.takeDigest(id, data.length)).toBeUndefined();
  });

  it('does not know it when the upload resumed in another process (or after a restart)', async () => {
    expect(await store().write(chunks(a), id, 0)).toBe(a.length);
    const other = store();
    expect(await other.write(chunks(data.subarray(a.length)), id, a.length)).toBe(data.length);
    expect(readFileSync(join(dir, id)).equals(data)).toBe(true);
    expect(other.takeDigest(id, data.length)).toBeUndefined();
  });

  it('forgets the hash of a request that failed part-way, whatever offset comes next', async () => {
    const s = store();
    expect(await s.write(chunks(a), id, 0)).toBe(a.length);
    const failing = new Readable({
      read() {
        this.push(b.subarray(0, 5000));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(s.write(failing, id, a.length)).rejects.toBeDefined();
    const offset = readFileSync(join(dir, id)).length;
    expect(await s.write(chunks(data.subarray(offset)), id, offset)).toBe(data.length);
    expect(s.takeDigest(id, data.length)).toBeUndefined();
  });

  it('hashes and stores an upload larger than its flush interval, flushing on the way', async () => {
    const big = randomBytes(70 * 1024 * 1024);
    const s = store();
    const parts = Readable.from(Array.from({ length: 70 }, (_, i) => big.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024)));
    expect(await s.write(parts, id, 0)).toBe(big.length);
    expect(readFileSync(join(dir, id)).equals(big)).toBe(true);
    expect(s.takeDigest(id, big.length)).toBe(sha256(big));
  });

  it('gives no digest for a size other than the bytes it hashed', async () => {
    const s = store();
    await s.write(chunks(a), id, 0);
    expect(s.takeDigest(id, data.length)).toBeUndefined();
  });
});
