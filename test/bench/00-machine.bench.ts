import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Benchmark, BenchFigure } from './harness';

const BYTES = Number(process.env.BENCH_MACHINE_BYTES ?? 512 * 1024 * 1024);
const SMALL_FILES = 5_000;

const seconds = (fn: () => void) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
};

/**
 * The machine's own ceilings, measured first so every later figure can be read against them:
 * coreutils hashing, sequential write + fsync, and small-file create (one fsync per file and one
 * per folder) and read. These are limits, not targets: they have no pass/fail.
 */
export const benchmark: Benchmark = {
  name: 'machine ceilings',
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-machine-'));
    try {
      const big = join(dir, 'big.bin');
      const chunk = randomFillSync(Buffer.alloc(8 * 1024 * 1024));
      const tWrite = seconds(() => {
        const fd = openSync(big, 'w');
        for (let n = 0; n < BYTES; n += chunk.length) writeSync(fd, chunk);
        fsyncSync(fd);
        closeSync(fd);
      });
      execFileSync('sha256sum', [big]);
      const tSha256 = seconds(() => execFileSync('sha256sum', [big]));
      const tSha512 = seconds(() => execFileSync('sha512sum', [big]));
      const mb = BYTES / 1e6;

      const small = Buffer.alloc(8192, 1);
      const tCreateFsync = seconds(() => {
        for (let i = 0; i < SMALL_FILES / 5; i++) {
          const fd = openSync(join(dir, `f${i}`), 'w');
          writeSync(fd, small);
          fsyncSync(fd);
          closeSync(fd);
        }
      });
      const tCreateBatch = seconds(() => {
        for (let i = 0; i < SMALL_FILES; i++) writeFileSync(join(dir, `b${i}`), small);
        const d = openSync(dir, 'r');
        fsyncSync(d);
        closeSync(d);
      });
      const tRead = seconds(() => {
        for (let i = 0; i < SMALL_FILES; i++) readFileSync(join(dir, `b${i}`));
      });
      return [
        { name: 'machine: sha256sum', value: mb / tSha256, unit: 'MB/s' },
        { name: 'machine: sha512sum', value: mb / tSha512, unit: 'MB/s' },
        { name: `machine: sequential write + fsync, ${Math.round(mb)} MB`, value: mb / tWrite, unit: 'MB/s' },
        { name: 'machine: 8 KiB files created, fsync each', value: SMALL_FILES / 5 / tCreateFsync, unit: 'files/s' },
        { name: 'machine: 8 KiB files created, one folder fsync', value: SMALL_FILES / tCreateBatch, unit: 'files/s' },
        { name: 'machine: 8 KiB files read (page cache)', value: SMALL_FILES / tRead, unit: 'files/s' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
