import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomFillSync } from 'node:crypto';
import { hashFile, hashFileSync } from '@samarkiv/fixity';
import { Benchmark, BenchFigure } from './harness';

const LARGE_BYTES = Number(process.env.BENCH_FIXITY_BYTES ?? 1024 * 1024 * 1024);
const SMALL_FILES = 10_000;

function timed<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e9];
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e9];
}

/** Hashing is under every ingest, validation and audit: compare with coreutils on the same bytes. */
export const benchmark: Benchmark = {
  name: 'fixity',
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-fixity-'));
    try {
      const big = join(dir, 'big.bin');
      const fd = openSync(big, 'w');
      const chunk = randomFillSync(Buffer.alloc(8 * 1024 * 1024));
      for (let written = 0; written < LARGE_BYTES; written += chunk.length) writeSync(fd, chunk);
      closeSync(fd);
      execFileSync('sha256sum', [big]); // warm the page cache for both contenders
      const [, tSum] = timed(() => execFileSync('sha256sum', [big]));
      const [, tOurs] = await timedAsync(() => hashFile(big, ['SHA-256']));
      const [, tSum512] = timed(() => execFileSync('sha512sum', [big]));
      const [, tOurs512] = await timedAsync(() => hashFile(big, ['SHA-512']));
      const mb = LARGE_BYTES / 1e6;

      const small = Buffer.alloc(8192, 7);
      for (let i = 0; i < SMALL_FILES; i++) writeFileSync(join(dir, `s${i}`), small);
      const buf = Buffer.allocUnsafe(1024 * 1024);
      const [, tSmall] = timed(() => {
        for (let i = 0; i < SMALL_FILES; i++) hashFileSync(join(dir, `s${i}`), ['SHA-256'], buf);
      });
      return [
        { name: 'fixity: SHA-256 stream, 1 GiB', value: mb / tOurs, unit: 'MB/s', ceilingName: 'sha256sum', ceiling: mb / tSum, target: '≥ 0.8× sha256sum', pass: tSum / tOurs >= 0.8 },
        { name: 'fixity: SHA-512 stream, 1 GiB', value: mb / tOurs512, unit: 'MB/s', ceilingName: 'sha512sum', ceiling: mb / tSum512, target: '≥ 0.8× sha512sum', pass: tSum512 / tOurs512 >= 0.8 },
        { name: 'fixity: 8 KiB files, sync API', value: SMALL_FILES / tSmall, unit: 'files/s', target: '≥ 10,000 files/s', pass: SMALL_FILES / tSmall >= 10_000 },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
