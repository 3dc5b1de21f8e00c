import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFileSync } from '@samarkiv/fixity';
import { hashLargeFile } from './large-file.hasher';

describe('hashLargeFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'large-hash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([0, 1, 4 * 1024 * 1024, 9 * 1024 * 1024 + 7])('matches the one-pass sync hasher for %i bytes, all algorithms at once', async (size) => {
    const file = join(dir, `f${size}`);
    writeFileSync(file, randomBytes(size));
    const algorithms = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const;
    expect(await hashLargeFile(file, algorithms)).toEqual(hashFileSync(file, algorithms));
  });
});
