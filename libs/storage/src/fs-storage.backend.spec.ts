import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FsStorageBackend } from './fs-storage.backend';
import { describeStoreSuite } from './testing/ocfl-store.suite';

// Real I/O (HTTP, fsync) can be slow on a busy CI machine.
jest.setTimeout(60_000);

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describeStoreSuite({
  name: 'filesystem',
  async make() {
    const root = mkdtempSync(join(tmpdir(), 'ocfl-fs-'));
    roots.push(root);
    return new FsStorageBackend(root);
  },
  async tamper(backend, key, data) {
    const path = (backend as FsStorageBackend).abs(key);
    if (data) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    } else unlinkSync(path);
  },
  async rawBytes(backend) {
    return Buffer.concat(walk((backend as FsStorageBackend).root).map((f) => Buffer.concat([Buffer.from(f), readFileSync(f)])));
  },
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
