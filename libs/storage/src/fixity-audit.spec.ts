import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditObject, AuditCursor } from './fixity-audit';
import { FsStorageBackend } from './fs-storage.backend';
import { OcflStore } from './ocfl.store';
import { objectId } from './ocfl-object-id';
import { META } from './testing/ocfl-store.suite';
import { TokenBucket } from './token-bucket';

describe('auditObject', () => {
  let base: string;
  let store: OcflStore;
  const id = objectId('region-a', 'aip', 'audit');

  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'ocfl-audit-'));
    store = await OcflStore.open(new FsStorageBackend(join(base, 'root')));
    const files = [];
    for (let i = 0; i < 20; i++) {
      const p = join(base, `f${i}`);
      writeFileSync(p, `file ${i} `.repeat(100));
      files.push({ logicalPath: `data/f${String(i).padStart(2, '0')}.txt`, sourcePath: p });
    }
    const big = join(base, 'big');
    writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 7));
    files.push({ logicalPath: 'data/big.bin', sourcePath: big });
    await store.createObject('region-a', id, files, META);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('checks every file of an intact object', async () => {
    const r = await auditObject(store, 'region-a', id);
    expect(r).toMatchObject({ findings: [], checkedFiles: 21 });
    expect(r.cursor).toBeUndefined();
    expect(r.checkedBytes).toBe(10 * 700 + 10 * 800 + 3 * 1024 * 1024);
  });

  it('reports changed, truncated and missing content', async () => {
    const root = (store.backend as FsStorageBackend).abs(store.objectRoot('region-a', id));
    writeFileSync(join(root, 'v1/content/data/f03.txt'), 'X');
    writeFileSync(join(root, 'v1/content/data/big.bin'), Buffer.alloc(10, 7));
    rmSync(join(root, 'v1/content/data/f07.txt'));
    const sizes = new Map([['v1/content/data/big.bin', 3 * 1024 * 1024]]);
    const r = await auditObject(store, 'region-a', id, { expectedSizes: sizes });
    expect(r.findings.map((f) => `${f.kind} ${f.path}`)).toEqual([
      'truncated v1/content/data/big.bin',
      'changed v1/content/data/f03.txt',
      'missing v1/content/data/f07.txt',
    ]);
  });

  it('stops at a byte budget and resumes from the cursor without re-reading files', async () => {
    const seen: AuditCursor[] = [];
    const first = await auditObject(store, 'region-a', id, { maxBytes: 3 * 1024 * 1024 + 1, onProgress: (c) => seen.push(c) });
    expect(first.cursor).toBeDefined();
    expect(first.checkedFiles).toBe(2);
    const rest = await auditObject(store, 'region-a', id, { cursor: first.cursor });
    expect(rest.cursor).toBeUndefined();
    expect(first.checkedFiles + rest.checkedFiles).toBe(21);
    expect(seen[seen.length - 1]).toEqual(first.cursor);
  });

  it('restarts when the object gained a version since the cursor was taken', async () => {
    const r = await auditObject(store, 'region-a', id, { cursor: { objectId: id, head: 'v0', after: 'v1/content/data/f19.txt' } });
    expect(r.checkedFiles).toBe(21);
  });

  it('throttles to the configured rate', async () => {
    const bucket = new TokenBucket(20 * 1024 * 1024, 1024 * 1024);
    const t0 = performance.now();
    await auditObject(store, 'region-a', id, { throttle: bucket });
    const seconds = (performance.now() - t0) / 1000;
    expect(seconds).toBeGreaterThan(0.1);
  });
});

describe('TokenBucket', () => {
  it('sleeps for the debt at the configured rate', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const bucket = new TokenBucket(1000, 500, () => now, async (ms) => {
      sleeps.push(ms);
      now += ms;
    });
    await bucket.take(500);
    await bucket.take(1000);
    now += 250;
    await bucket.take(250);
    await bucket.take(250);
    expect(sleeps).toEqual([1000, 250]);
  });
});
